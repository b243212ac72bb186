package dev.z4j.adapter.ws.agents;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Upgrades per client IP over a sliding minute, approximated with two fixed windows (the previous window's count
 * weighted by how much of it still overlaps), so each IP costs a few longs whatever its rate.
 */
final class ConnectRateLimiter {

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long start;
        int current;
        int previous;
    }

    ConnectRateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts an attempt; false when the IP is over its budget (the attempt still counts). */
    boolean tryAcquire(String ip, long nowNanos) {
        Window w = windows.computeIfAbsent(ip, k -> {
            Window fresh = new Window();
            fresh.start = nowNanos;
            return fresh;
        });
        synchronized (w) {
            long elapsed = nowNanos - w.start;
            if (elapsed >= 2 * WINDOW_NANOS) {
                w.previous = 0;
                w.current = 0;
                w.start = nowNanos;
                elapsed = 0;
            } else if (elapsed >= WINDOW_NANOS) {
                w.previous = w.current;
                w.current = 0;
                w.start += WINDOW_NANOS;
                elapsed -= WINDOW_NANOS;
            }
            double overlap = 1.0 - (double) elapsed / WINDOW_NANOS;
            w.current++;
            return w.previous * overlap + w.current <= perMinute;
        }
    }

    /** Forgets IPs idle for two windows. */
    void forgetIdle(long nowNanos) {
        windows.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return nowNanos - e.getValue().start >= 2 * WINDOW_NANOS;
            }
        });
    }
}
