package dev.z4j.adapter.ws.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The envelope's strict schema, the hello and the brain's frames. */
class EnvelopeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "[]", "\"hello\"",
            "{\"id\":\"x\",\"type\":\"hello\",\"payload\":{}}",
            "{\"v\":1,\"id\":\"x\",\"type\":\"hello\",\"payload\":{}}",
            "{\"v\":2.0,\"id\":\"x\",\"type\":\"hello\",\"payload\":{}}",
            "{\"v\":\"2\",\"id\":\"x\",\"type\":\"hello\",\"payload\":{}}",
            "{\"v\":true,\"id\":\"x\",\"type\":\"hello\",\"payload\":{}}",
            "{\"v\":2,\"id\":\"\",\"type\":\"hello\",\"payload\":{}}",
            "{\"v\":2,\"id\":7,\"type\":\"hello\",\"payload\":{}}",
            "{\"v\":2,\"id\":\"x\",\"type\":null,\"payload\":{}}",
            "{\"v\":2,\"id\":\"x\",\"type\":\"hello\",\"ts\":5,\"payload\":{}}",
            "{\"v\":2,\"id\":\"x\",\"type\":\"hello\"}",
            "{\"v\":2,\"id\":\"x\",\"type\":\"hello\",\"payload\":null}",
            "{\"v\":2,\"id\":\"x\",\"type\":\"hello\",\"payload\":[]}"})
    void envelopes_off_the_strict_schema_are_bad_frames(String json) {
        assertThatThrownBy(() -> Frame.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(CloseCode.BAD_FRAME));
    }

    @Test
    void ids_are_limited_to_64_code_points_and_unknown_fields_are_kept() {
        String id64 = "😀".repeat(64);
        Frame frame = Frame.parse(("{\"v\":2,\"id\":\"" + id64 + "\",\"type\":\"x\",\"payload\":{},\"extra\":1}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(frame.id()).isEqualTo(id64);
        assertThat(frame.fields()).containsEntry("extra", 1L);
        assertThatThrownBy(() -> Frame.parse(("{\"v\":2,\"id\":\"" + "a".repeat(65) + "\",\"type\":\"x\",\"payload\":{}}")
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void a_hello_for_another_protocol_version_is_unsupported() {
        assertHello("{\"protocol_version\":\"3\"}", CloseCode.UNSUPPORTED_PROTOCOL);
        assertHello("{\"protocol_version\":\"1\",\"engines\":\"not even a list\"}", CloseCode.UNSUPPORTED_PROTOCOL);
    }

    @Test
    void a_hello_off_its_schema_is_a_bad_frame() {
        assertHello("{}", CloseCode.BAD_FRAME);
        assertHello("{\"protocol_version\":2}", CloseCode.BAD_FRAME);
        assertHello("{\"protocol_version\":\"2\",\"engines\":[1]}", CloseCode.BAD_FRAME);
        assertHello("{\"protocol_version\":\"2\",\"worker_pid\":-1}", CloseCode.BAD_FRAME);
        assertHello("{\"protocol_version\":\"2\",\"worker_pid\":\"12\"}", CloseCode.BAD_FRAME);
        assertHello("{\"protocol_version\":\"2\",\"worker_id\":\"" + "w".repeat(129) + "\"}", CloseCode.BAD_FRAME);
        assertHello("{\"protocol_version\":\"2\",\"worker_started_at\":\"soon\"}", CloseCode.BAD_FRAME);
        assertHello("{\"protocol_version\":\"2\",\"capabilities\":{\"celery\":\"retry_task\"}}", CloseCode.BAD_FRAME);
    }

    @Test
    void any_first_frame_other_than_hello_is_a_bad_frame() {
        Frame heartbeat = Frame.parse("{\"v\":2,\"id\":\"hb\",\"type\":\"heartbeat\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AgentHello.from(heartbeat))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(CloseCode.BAD_FRAME));
    }

    @Test
    void a_minimal_hello_is_a_legacy_single_slot_agent() {
        AgentHello hello = AgentHello.from(Frame.parse("{\"v\":2,\"id\":\"h\",\"ts\":null,\"type\":\"hello\",\"payload\":{\"protocol_version\":\"2\"}}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(hello.workerId()).isEmpty();
        assertThat(hello.engines()).isEmpty();
    }

    @Test
    void hello_ack_carries_the_binding_strings_and_upstreams_id_form() {
        UUID session = UUID.fromString("5aef3ccf-4098-4fee-b352-e35b4714e841");
        SessionBinding binding = new SessionBinding("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
                "11111111-2222-4333-8444-555555555555", session.toString());
        Frame ack = Frame.parse(BrainFrames.helloAck(binding, session, "0.1.0", 10, 1_048_576,
                Instant.parse("2026-05-13T10:00:00.123456789Z")));
        assertThat(ack.type()).isEqualTo("hello_ack");
        assertThat(ack.id()).isEqualTo("hack_5aef3ccf4098");
        assertThat(ack.ts()).contains("2026-05-13T10:00:00.123456Z");
        assertThat(ack.payload()).containsEntry("protocol_version", "2").containsEntry("agent_id", binding.agentId())
                .containsEntry("project_id", binding.projectId()).containsEntry("session_id", binding.sessionId())
                .containsEntry("heartbeat_interval_seconds", 10L).containsEntry("max_frame_size_bytes", 1_048_576L);
        assertThat(ack.fields()).doesNotContainKeys("hmac", "nonce", "seq");
    }

    @Test
    void the_ack_id_is_cut_to_64_characters() {
        assertThat(BrainFrames.eventBatchAckId("ev_ac632d9f2708")).isEqualTo("eba_ev_ac632d9f2708");
        assertThat(BrainFrames.eventBatchAckId("x".repeat(64))).hasSize(64).startsWith("eba_x");
        String cut = BrainFrames.eventBatchAckId("😀".repeat(64));
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(64);
        assertThat(BrainFrames.eventBatchAck("b", 3, 2, 1)).isEqualTo(Map.of("acked_id", "b", "received", 3L,
                "accepted", 2L, "rejected", 1L));
    }

    private static void assertHello(String payload, CloseCode expected) {
        Frame frame = Frame.parse(("{\"v\":2,\"id\":\"h\",\"ts\":null,\"type\":\"hello\",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AgentHello.from(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(expected));
    }
}
