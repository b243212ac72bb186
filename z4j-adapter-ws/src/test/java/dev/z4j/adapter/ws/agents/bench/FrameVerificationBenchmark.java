package dev.z4j.adapter.ws.agents.bench;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameSigner;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.FrameVerifier;
import dev.z4j.adapter.ws.agents.protocol.SessionBinding;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gateway's reading thread spends on one agent frame: strict JSON parse, envelope checks,
 * re-canonicalisation, HMAC-SHA256 and the replay guard. Frames are pre-signed (distinct nonces, increasing seq)
 * with the clock the verifier uses, so every one of them verifies.
 *
 * <pre>java -cp ... org.openjdk.jmh.Main FrameVerificationBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameVerificationBenchmark {

    private static final int RING = 1 << 10;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-13T10:00:00Z"), ZoneOffset.UTC);

    /** heartbeat: the 10 s keep-alive; event_1: one task event, what z4j-bare 1.6 sends; event_100 / event_1000: batches. */
    @Param({"heartbeat", "event_1", "event_100", "event_1000"})
    public String frame;

    private final byte[] key = new byte[32];
    private final SessionBinding binding = new SessionBinding(UUID.randomUUID().toString(),
            UUID.randomUUID().toString(), UUID.randomUUID().toString());
    private byte[][] frames;
    private int next;
    private FrameVerifier verifier;

    @Setup(Level.Trial)
    public void signFrames() {
        AtomicLong nonce = new AtomicLong();
        FrameSigner signer = new FrameSigner(key, binding, CLOCK, () -> "nonce-" + nonce.incrementAndGet());
        frames = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            frames[i] = frame.equals("heartbeat")
                    ? signer.sign(FrameType.HEARTBEAT, "hb_000000000001", heartbeat())
                    : signer.sign(FrameType.EVENT_BATCH, "ev_00000000000" + (i % 10),
                    Map.of("events", events(Integer.parseInt(frame.substring("event_".length())))));
        }
        verifier = new FrameVerifier(key, binding, CLOCK);
        next = 0;
        System.out.println(frame + ": " + frames[0].length + " bytes per frame");
    }

    @Benchmark
    public Frame parseAndVerify() {
        if (next == RING) {
            verifier = new FrameVerifier(key, binding, CLOCK);
            next = 0;
        }
        Frame parsed = Frame.parse(frames[next++]);
        verifier.verify(parsed);
        return parsed;
    }

    private static Map<String, Object> heartbeat() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("buffer_size", 0L);
        payload.put("last_flush_at", null);
        payload.put("dropped_events", 0L);
        payload.put("adapter_health", Map.of("celery.broker_connected", "True",
                "celery.queue_depths", "{\"default\": 3, \"emails\": 0}"));
        return payload;
    }

    private static List<Map<String, Object>> events(int n) {
        List<Map<String, Object>> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(TestAgent.taskEvent(i % 2 == 0 ? "task.received" : "task.succeeded", "task-" + i));
        }
        return events;
    }
}
