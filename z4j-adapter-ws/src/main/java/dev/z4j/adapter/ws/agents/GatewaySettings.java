package dev.z4j.adapter.ws.agents;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timings of the agent gateway. {@link #defaults} are the reference's values.
 *
 * @param brainVersion        sent in {@code hello_ack}
 * @param heartbeatInterval   {@code hello_ack.heartbeat_interval_seconds} (Z4J_AGENT_HEARTBEAT_SECONDS)
 * @param maxFrameBytes       a larger message closes the session with 4400
 * @param maxBatchEvents      a larger {@code event_batch} closes the session with 4400
 * @param helloTimeout        no hello within this time after the upgrade closes with 4400
 * @param idleTimeout         no application frame for this long closes with 4408 (pings do not count)
 * @param pingInterval        the brain pings every connection this often
 * @param connectsPerMinute   upgrades per client IP per sliding minute; more close with 4429
 * @param maxWorkersPerAgent  distinct worker slots per agent on this brain; more close with 4429 (0 = unlimited)
 * @param inboundQueueFrames  verified frames waiting per connection; when full the gateway stops reading it
 * @param maxOutgoingFrames   frames waiting to be written to one agent; beyond, the agent is not reading: 1011
 * @param dispatchThreads     threads that hand frames to ingestion and commands
 * @param shutdownGrace       how long closing the gateway waits for queued frames to be handled
 * @param presenceSweep       how often heartbeats are written and silent agents marked offline
 * @param maxLongPollBodyBytes largest {@code POST /api/v1/agent/events} body (upstream's 8 KiB cap loses batches)
 */
public record GatewaySettings(String brainVersion, Duration heartbeatInterval, int maxFrameBytes, int maxBatchEvents,
                              Duration helloTimeout, Duration idleTimeout, Duration pingInterval,
                              int connectsPerMinute, int maxWorkersPerAgent, int inboundQueueFrames,
                              int maxOutgoingFrames, int dispatchThreads, Duration shutdownGrace,
                              Duration presenceSweep, long maxLongPollBodyBytes) {

    public static final int MAX_FRAME_BYTES = 1_048_576;
    public static final int MAX_BATCH_EVENTS = 5000;

    public GatewaySettings {
        Objects.requireNonNull(brainVersion, "brainVersion");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(helloTimeout, "helloTimeout");
        positive(idleTimeout, "idleTimeout");
        positive(pingInterval, "pingInterval");
        positive(presenceSweep, "presenceSweep");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (heartbeatInterval.toSeconds() < 1 || heartbeatInterval.toSeconds() > 3600) {
            throw new IllegalArgumentException("heartbeatInterval must be 1..3600 s (hello_ack's range)");
        }
        if (maxLongPollBodyBytes < maxFrameBytes) {
            throw new IllegalArgumentException("maxLongPollBodyBytes must hold at least one frame");
        }
        if (maxFrameBytes < 1024 || maxBatchEvents < 1 || connectsPerMinute < 1 || maxWorkersPerAgent < 0
                || inboundQueueFrames < 1 || maxOutgoingFrames < 1 || dispatchThreads < 1) {
            throw new IllegalArgumentException("gateway limits must be positive (maxFrameBytes at least 1024)");
        }
    }

    public static GatewaySettings defaults(String brainVersion, Duration heartbeatInterval) {
        return new GatewaySettings(brainVersion, heartbeatInterval, MAX_FRAME_BYTES, MAX_BATCH_EVENTS,
                Duration.ofSeconds(10), Duration.ofSeconds(90), Duration.ofSeconds(30), 600, 64, 32, 256,
                Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(10), Duration.ofSeconds(10),
                32L * MAX_FRAME_BYTES);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
