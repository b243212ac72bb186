package dev.z4j.adapter.ws.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.ws.agents.protocol.FrameVerifierTest.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-13T10:00:00Z"));
    private final ReplayGuard guard = new ReplayGuard(clock);
    private static final String NOW = "2026-05-13T10:00:00.000000Z";

    @Test
    void seq_must_increase_strictly_but_may_skip() {
        guard.accept(1L, "n1", NOW);
        guard.accept(5L, "n2", NOW);
        assertRefused(5L, "n3", NOW, "seq");
        assertRefused(4L, "n4", NOW, "seq");
        guard.accept(6L, "n5", NOW);
    }

    @Test
    void seq_must_be_a_positive_json_int() {
        assertRefused(0L, "n", NOW, "seq");
        assertRefused(1.0d, "n", NOW, "seq");
        assertRefused("1", "n", NOW, "seq");
        assertRefused(null, "n", NOW, "seq");
    }

    @Test
    void a_nonce_is_refused_again_within_180_seconds_and_forgotten_after() {
        guard.accept(1L, "same", NOW);
        clock.advance(Duration.ofSeconds(179));
        assertRefused(2L, "same", "2026-05-13T10:02:59Z", "nonce");
        clock.advance(Duration.ofSeconds(2));
        assertThatCode(() -> guard.accept(3L, "same", "2026-05-13T10:03:01Z")).doesNotThrowAnyException();
    }

    @Test
    void the_nonce_memory_keeps_the_newest_4096() {
        for (int i = 1; i <= ReplayGuard.NONCE_CAPACITY + 1; i++) {
            guard.accept((long) i, "n" + i, NOW);
        }
        assertThatCode(() -> guard.accept(10_000L, "n1", NOW)).doesNotThrowAnyException();
        assertRefused(10_001L, "n3", NOW, "nonce");
    }

    @Test
    void nonce_must_be_a_non_empty_string() {
        assertRefused(1L, "", NOW, "nonce");
        assertRefused(1L, 7L, NOW, "nonce");
    }

    @Test
    void ts_must_carry_a_zone_and_be_within_60_seconds() {
        assertRefused(1L, "a", "2026-05-13T10:00:00", "ts");
        assertRefused(1L, "b", null, "ts");
        assertRefused(1L, "c", "yesterday", "ts");
        assertRefused(1L, "d", "2026-05-13T10:01:00.000001Z", "ts");
        assertRefused(1L, "e", "2026-05-13T09:58:59.999999Z", "ts");
        guard.accept(1L, "f", "2026-05-13T10:01:00Z");
        guard.accept(2L, "g", "2026-05-13T11:59:00+02:00");
        guard.accept(3L, "h", "2026-05-13 09:59:30.5+00:00");
    }

    @Test
    void a_refused_frame_changes_nothing() {
        assertRefused(7L, "x", "2026-05-13T12:00:00Z", "ts");
        assertThatCode(() -> guard.accept(7L, "x", NOW)).doesNotThrowAnyException();
    }

    private void assertRefused(Object seq, Object nonce, Object ts, String because) {
        assertThatThrownBy(() -> guard.accept(seq, nonce, ts))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.closeCode()).isEqualTo(CloseCode.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains(because);
                });
    }
}
