package dev.z4j.adapter.ws.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void each_ip_gets_its_budget_per_minute() {
        ConnectRateLimiter limiter = new ConnectRateLimiter(3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1", i)).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1", 4)).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2", 5)).isTrue();
    }

    @Test
    void the_window_slides_attempts_a_minute_old_weigh_less_and_then_nothing() {
        ConnectRateLimiter limiter = new ConnectRateLimiter(4);
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire("ip", 0);
        }
        assertThat(limiter.tryAcquire("ip", 30 * SECOND)).isFalse();
        assertThat(limiter.tryAcquire("ip", 90 * SECOND)).isTrue();
        assertThat(limiter.tryAcquire("ip", 240 * SECOND)).isTrue();
    }

    @Test
    void idle_ips_are_forgotten() {
        ConnectRateLimiter limiter = new ConnectRateLimiter(1);
        limiter.tryAcquire("ip", 0);
        limiter.forgetIdle(121 * SECOND);
        assertThat(limiter.tryAcquire("ip", 121 * SECOND)).isTrue();
    }
}
