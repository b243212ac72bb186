package dev.z4j.adapter.ws.agents.protocol;

import static dev.z4j.adapter.ws.agents.protocol.AppendixVectorsTest.BINDING;
import static dev.z4j.adapter.ws.agents.protocol.AppendixVectorsTest.PROJECT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FrameVerifierTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-13T10:00:00Z"));
    private final AtomicInteger nonceCounter = new AtomicInteger();
    private final FrameSigner agent = new FrameSigner(PROJECT_SECRET, BINDING, clock,
            () -> "nonce-" + nonceCounter.incrementAndGet());
    private final FrameVerifier brain = new FrameVerifier(PROJECT_SECRET, BINDING, clock);

    @Test
    void signed_frames_in_order_verify() {
        brain.verify(heartbeat());
        brain.verify(heartbeat());
        brain.verify(Frame.parse(agent.sign(FrameType.EVENT_BATCH, "ev_1", Map.of("events", java.util.List.of()))));
    }

    @Test
    void a_tampered_payload_fails_the_signature() {
        Map<String, Object> fields = mutable(heartbeat());
        ((Map<String, Object>) fields.get("payload")).put("buffer_size", 1L);
        assertSignatureFailure(fields);
    }

    @Test
    void an_unknown_field_is_covered_by_the_signature() {
        Map<String, Object> fields = mutable(heartbeat());
        fields.put("x_future_field", "added in transit");
        assertSignatureFailure(fields);
    }

    @Test
    void another_key_or_another_session_fails_the_signature() {
        Frame frame = heartbeat();
        byte[] otherKey = PROJECT_SECRET.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> new FrameVerifier(otherKey, BINDING, clock).verify(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(CloseCode.BAD_SIGNATURE));
        SessionBinding otherSession = new SessionBinding(BINDING.agentId(), BINDING.projectId(),
                "00000000-0000-4000-8000-000000000000");
        assertThatThrownBy(() -> new FrameVerifier(PROJECT_SECRET, otherSession, clock).verify(frame))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void binding_fields_sent_on_the_wire_are_replaced_by_the_receivers_own() {
        Map<String, Object> spoofed = mutable(heartbeat());
        spoofed.put("session_id", "chosen-by-the-sender");
        assertThatCode(() -> brain.verify(Frame.parse(PythonJson.canonical(spoofed)))).doesNotThrowAnyException();

        SessionBinding otherSession = new SessionBinding(BINDING.agentId(), BINDING.projectId(), "other-session");
        FrameSigner otherAgent = new FrameSigner(PROJECT_SECRET, otherSession, clock, () -> "nonce-other");
        Map<String, Object> replayed = mutable(Frame.parse(otherAgent.sign(FrameType.HEARTBEAT, "hb", Map.of())));
        replayed.put("session_id", BINDING.sessionId());
        assertSignatureFailure(replayed);
    }

    @Test
    void a_missing_empty_short_or_uppercase_hmac_fails_the_signature() {
        Frame frame = heartbeat();
        String hmac = (String) frame.fields().get("hmac");
        for (Object bad : new Object[] {null, "", hmac.substring(1), hmac.toUpperCase(java.util.Locale.ROOT), 12L}) {
            Map<String, Object> fields = mutable(frame);
            fields.put("hmac", bad);
            assertSignatureFailure(fields);
        }
    }

    @Test
    void a_replayed_frame_is_refused() {
        Frame frame = heartbeat();
        brain.verify(frame);
        assertThatThrownBy(() -> brain.verify(frame)).isInstanceOf(ProtocolException.class).hasMessageContaining("seq");
    }

    @Test
    void a_badly_signed_frame_does_not_advance_the_replay_guard() {
        Frame first = heartbeat();
        Map<String, Object> forged = mutable(heartbeat());
        forged.put("seq", 99L);
        assertSignatureFailure(forged);
        assertThatCode(() -> brain.verify(first)).doesNotThrowAnyException();
    }

    @Test
    void frames_signed_outside_the_clock_window_are_refused() {
        Frame stale = heartbeat();
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> brain.verify(stale)).isInstanceOf(ProtocolException.class).hasMessageContaining("ts");
    }

    private Frame heartbeat() {
        return Frame.parse(agent.sign(FrameType.HEARTBEAT, "hb_1", Map.of("buffer_size", 0L)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Frame frame) {
        Map<String, Object> copy = (Map<String, Object>) PythonJson.parse(PythonJson.canonical(frame.fields()));
        return new HashMap<>(copy);
    }

    private void assertSignatureFailure(Map<String, Object> fields) {
        Frame frame = Frame.parse(PythonJson.canonical(fields));
        assertThatThrownBy(() -> brain.verify(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(CloseCode.BAD_SIGNATURE));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
