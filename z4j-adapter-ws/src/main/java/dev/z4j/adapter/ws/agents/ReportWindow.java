package dev.z4j.adapter.ws.agents;

/**
 * At most {@value #MAX_REPORTS} {@code agent_status} reports per session per minute are kept (the agent sends one
 * per heartbeat; more is a misbehaving agent filling the history), as upstream caps them.
 */
final class ReportWindow {

    static final int MAX_REPORTS = 12;
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private long windowStart = System.nanoTime();
    private int count;

    synchronized boolean allow(long nowNanos) {
        if (nowNanos - windowStart >= WINDOW_NANOS) {
            windowStart = nowNanos;
            count = 0;
        }
        return ++count <= MAX_REPORTS;
    }
}
