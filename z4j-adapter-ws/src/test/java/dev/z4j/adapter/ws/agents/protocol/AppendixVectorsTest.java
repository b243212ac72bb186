package dev.z4j.adapter.ws.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Appendix A of the protocol reference (computed with upstream z4j-core): canonical envelope bytes and HMACs,
 * produced by our signer and accepted by our verifier. Appendix B: the frames captured from the real agent parse
 * under the strict envelope and re-canonicalise exactly as Python does.
 * (The key derivation and token hash vectors are tested where they live, in the domain.)
 */
class AppendixVectorsTest {

    static final byte[] PROJECT_SECRET =
            HexFormat.of().parseHex("84fc164799d153ab27f3be0bc7d3d0ce06a510e85a33b8c7244784787933cb6f");
    static final SessionBinding BINDING = new SessionBinding("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
            "11111111-2222-4333-8444-555555555555", "5aef3ccf-4098-4fee-b352-e35b4714e841");
    static final Clock AT_VECTOR_TIME = Clock.fixed(Instant.parse("2026-05-13T10:00:00Z"), ZoneOffset.UTC);

    static final String VECTOR_1_CANONICAL = "{\"agent_id\":\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\",\"id\":\"hb_000000000001\","
            + "\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"payload\":{\"adapter_health\":{\"demo.queue_depths\":\"{\\\"default\\\": 3}\"},"
            + "\"buffer_size\":0,\"dropped_events\":0,\"last_flush_at\":null},\"project_id\":\"11111111-2222-4333-8444-555555555555\","
            + "\"seq\":1,\"session_id\":\"5aef3ccf-4098-4fee-b352-e35b4714e841\",\"ts\":\"2026-05-13T10:00:00.000000Z\","
            + "\"type\":\"heartbeat\",\"v\":2}";
    static final String VECTOR_1_HMAC = "c2d6fa24b8a5549694e7910899cea672adc75919599fb780151e9b65eee1d13a";

    static final String VECTOR_2_CANONICAL = "{\"agent_id\":\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\","
            + "\"id\":\"0b5a6d0e-0000-4000-8000-000000000001\",\"nonce\":\"BBBBBBBBBBBBBBBBBBBBBB\",\"payload\":{\"action\":\"retry_task\","
            + "\"issued_by\":null,\"parameters\":{\"big\":1e+16,\"engine\":\"celery\",\"eta_seconds\":null,\"f\":1.5,"
            + "\"note\":\"é ☃ \\n\",\"small\":1e-05,\"task_id\":\"abc\"},\"target\":{\"id\":\"celery:abc\",\"type\":\"task\"},"
            + "\"timeout_seconds\":60},\"project_id\":\"11111111-2222-4333-8444-555555555555\",\"seq\":1,"
            + "\"session_id\":\"5aef3ccf-4098-4fee-b352-e35b4714e841\",\"ts\":\"2026-05-13T10:00:00.000000Z\",\"type\":\"command\",\"v\":2}";
    static final String VECTOR_2_HMAC = "54d6d954d5a8c71e8b619e6c88d61af0080c92f69fd43e39b179d5f6301aa063";

    @Test
    void vector_1_heartbeat_is_signed_with_the_reference_bytes_and_hmac() {
        Map<String, Object> payload = json("{\"buffer_size\":0,\"last_flush_at\":null,\"dropped_events\":0,"
                + "\"adapter_health\":{\"demo.queue_depths\":\"{\\\"default\\\": 3}\"}}");
        byte[] frame = signer("AAAAAAAAAAAAAAAAAAAAAA").sign(FrameType.HEARTBEAT, "hb_000000000001", payload);

        Frame parsed = Frame.parse(frame);
        assertThat(utf8(new EnvelopeMac(PROJECT_SECRET, BINDING).signedBytes(parsed.fields()))).isEqualTo(VECTOR_1_CANONICAL);
        assertThat(parsed.fields().get("hmac")).isEqualTo(VECTOR_1_HMAC);
        new FrameVerifier(PROJECT_SECRET, BINDING, AT_VECTOR_TIME).verify(parsed);
    }

    @Test
    void vector_2_command_with_floats_unicode_and_a_newline_is_signed_with_the_reference_bytes_and_hmac() {
        Map<String, Object> payload = json("{\"action\":\"retry_task\",\"target\":{\"type\":\"task\",\"id\":\"celery:abc\"},"
                + "\"parameters\":{\"engine\":\"celery\",\"task_id\":\"abc\",\"eta_seconds\":null,\"note\":\"é ☃ \\n\","
                + "\"f\":1.5,\"big\":1e16,\"small\":1e-05},\"timeout_seconds\":60,\"issued_by\":null}");
        byte[] frame = signer("BBBBBBBBBBBBBBBBBBBBBB").sign(FrameType.COMMAND, "0b5a6d0e-0000-4000-8000-000000000001", payload);

        Frame parsed = Frame.parse(frame);
        byte[] canonical = new EnvelopeMac(PROJECT_SECRET, BINDING).signedBytes(parsed.fields());
        assertThat(canonical).isEqualTo(VECTOR_2_CANONICAL.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.fields().get("hmac")).isEqualTo(VECTOR_2_HMAC);
        new FrameVerifier(PROJECT_SECRET, BINDING, AT_VECTOR_TIME).verify(parsed);
    }

    @Test
    void the_reference_frames_verify_when_received_in_any_key_order_and_spacing() {
        String reordered = "{ \"hmac\" : \"" + VECTOR_1_HMAC + "\", \"type\": \"heartbeat\", \"seq\": 1, \"v\": 2,"
                + " \"payload\": {\"dropped_events\": 0, \"adapter_health\": {\"demo.queue_depths\": \"{\\\"default\\\": 3}\"},"
                + " \"last_flush_at\": null, \"buffer_size\": 0}, \"ts\": \"2026-05-13T10:00:00.000000Z\","
                + " \"nonce\": \"AAAAAAAAAAAAAAAAAAAAAA\", \"id\": \"hb_000000000001\" }";
        new FrameVerifier(PROJECT_SECRET, BINDING, AT_VECTOR_TIME).verify(Frame.parse(reordered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void every_appendix_b_capture_parses_strictly_and_recanonicalises_as_python_does() throws Exception {
        List<String> captures = PythonReferenceTest.lines("appendix-b-captures.txt");
        List<String> expected = PythonReferenceTest.lines("appendix-b-canonical.txt");
        assertThat(captures).hasSize(8).hasSameSizeAs(expected);
        for (int i = 0; i < captures.size(); i++) {
            Frame frame = Frame.parse(captures.get(i).getBytes(StandardCharsets.UTF_8));
            assertThat(frame.knownType()).isPresent();
            assertThat(utf8(PythonJson.canonical(frame.fields()))).isEqualTo(expected.get(i));
        }
    }

    @Test
    void the_captured_hello_yields_the_agents_inventory_and_worker_slot() throws Exception {
        Frame hello = Frame.parse(PythonReferenceTest.lines("appendix-b-captures.txt").get(0).getBytes(StandardCharsets.UTF_8));
        AgentHello parsed = AgentHello.from(hello);
        assertThat(parsed.protocolVersion()).isEqualTo("2");
        assertThat(parsed.framework()).isEqualTo("bare");
        assertThat(parsed.engines()).containsExactly("demo");
        assertThat(parsed.capabilities()).containsEntry("demo", List.of("retry_task"));
        assertThat(parsed.hostName()).contains("demo-host");
        assertThat(parsed.workerId()).contains("bare-15567-1795924363422");
        assertThat(parsed.workerRole()).isEmpty();
        assertThat(parsed.workerPid()).contains(15567L);
        assertThat(parsed.workerStartedAt()).contains("2026-11-29T03:52:43.422180Z");
    }

    static FrameSigner signer(String nonce) {
        return new FrameSigner(PROJECT_SECRET, BINDING, AT_VECTOR_TIME, () -> nonce);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) PythonJson.parse(text);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
