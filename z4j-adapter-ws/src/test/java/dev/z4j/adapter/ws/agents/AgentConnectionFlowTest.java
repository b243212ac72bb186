package dev.z4j.adapter.ws.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.ws.agents.protocol.FrameSigner;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.PythonJson;
import dev.z4j.adapter.ws.agents.protocol.SessionBinding;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.adapter.ws.agents.testing.WireFakes;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.testing.Await;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flow control on a connection whose agent stops reading: the gateway keeps reading (and acknowledging) until
 * {@value AgentConnection#UNWRITTEN_FRAMES_PAUSE} frames are unwritten, then stops reading until they are written,
 * instead of queueing without bound or dropping the session.
 */
class AgentConnectionFlowTest {

    /** A socket whose writes complete only when the test says so, as when the peer's buffers are full. */
    static final class StalledSocket implements AgentConnection.Socket {
        final List<Runnable> pending = new ArrayList<>();
        final AtomicInteger closedWith = new AtomicInteger();

        @Override
        public synchronized void send(ByteBuffer message, Runnable onWritten, Consumer<Throwable> onFailure) {
            pending.add(onWritten);
        }

        synchronized void completeAll() {
            pending.forEach(Runnable::run);
            pending.clear();
        }

        @Override
        public void close(int code, String reason) {
            closedWith.set(code);
        }

        @Override
        public void ping() {
        }
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void the_reader_pauses_while_too_many_frames_are_unwritten_and_resumes_when_they_drain() throws Exception {
        GatewaySettings settings = GatewaySettings.defaults("test", Duration.ofSeconds(10));
        WireFakes.Ingestion ingestion = new WireFakes.Ingestion();
        WireFakes.Credentials credentials = new WireFakes.Credentials();
        WireFakes.Enrolled agent = credentials.enroll();
        AgentConnections registry = new AgentConnections(64);
        FrameRouter router = new FrameRouter(credentials, new WireFakes.Presence(), ingestion, new WireFakes.Commands(),
                new WireFakes.Schedules(), settings.maxBatchEvents(), Clock.systemUTC());
        GatewayContext context = new GatewayContext(settings, registry, router, Runnable::run, timer, Clock.systemUTC(),
                () -> UUID.randomUUID().toString().substring(0, 22));
        StalledSocket socket = new StalledSocket();
        AgentConnection connection = new AgentConnection(socket, agent.principal(), "127.0.0.1", context);

        connection.receive(hello());
        FrameSigner signer = signerFor(agent.principal(), registry);
        int batches = 100;
        Thread reader = new Thread(() -> {
            for (int i = 0; i < batches; i++) {
                connection.receive(signer.sign(FrameType.EVENT_BATCH, "ev_" + i, Map.of("events", List.of())));
            }
        });
        reader.start();

        int pauseAfter = AgentConnection.UNWRITTEN_FRAMES_PAUSE;
        Await.until("the reader has handled batches up to the pause", Duration.ofSeconds(10),
                () -> ingestion.batches().size() == pauseAfter);
        reader.join(300);
        assertThat(reader.isAlive()).as("the reader waits for the agent to read").isTrue();
        assertThat(ingestion.batches()).hasSize(pauseAfter);

        Await.until("every batch is handled once writes complete", Duration.ofSeconds(10), () -> {
            socket.completeAll();
            return ingestion.batches().size() == batches;
        });
        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(socket.closedWith.get()).as("the session was never closed").isZero();
    }

    @Test
    void a_session_whose_batch_the_brain_is_still_handling_is_not_idle() throws Exception {
        GatewaySettings d = GatewaySettings.defaults("test", Duration.ofSeconds(10));
        long idle = Duration.ofMillis(300).toNanos();
        GatewaySettings settings = new GatewaySettings(d.brainVersion(), d.heartbeatInterval(), d.maxFrameBytes(),
                d.maxBatchEvents(), d.helloTimeout(), Duration.ofNanos(idle), d.pingInterval(), d.connectsPerMinute(),
                d.maxWorkersPerAgent(), d.inboundQueueFrames(), d.maxOutgoingFrames(), d.dispatchThreads(),
                d.shutdownGrace(), d.presenceSweep(), d.maxLongPollBodyBytes());
        WireFakes.Ingestion ingestion = new WireFakes.Ingestion();
        WireFakes.Credentials credentials = new WireFakes.Credentials();
        WireFakes.Enrolled agent = credentials.enroll();
        AgentConnections registry = new AgentConnections(64);
        FrameRouter router = new FrameRouter(credentials, new WireFakes.Presence(), ingestion, new WireFakes.Commands(),
                new WireFakes.Schedules(), settings.maxBatchEvents(), Clock.systemUTC());
        GatewayContext context = new GatewayContext(settings, registry, router, Runnable::run, timer, Clock.systemUTC(),
                () -> UUID.randomUUID().toString().substring(0, 22));
        StalledSocket socket = new StalledSocket();
        AgentConnection connection = new AgentConnection(socket, agent.principal(), "127.0.0.1", context);
        connection.receive(hello());
        FrameSigner signer = signerFor(agent.principal(), registry);
        ingestion.hold();
        Thread reader = new Thread(() -> connection.receive(signer.sign(FrameType.EVENT_BATCH, "ev_held",
                Map.of("events", List.of(Map.of("kind", "task.received", "engine", "demo"))))));
        reader.start();
        Await.until("the batch is in ingestion", Duration.ofSeconds(10), () -> ingestion.entered() == 1);

        long later = System.nanoTime() + 10 * idle;
        connection.checkTimeouts(later);
        assertThat(socket.closedWith.get()).as("held batch: not idle").isZero();

        ingestion.releaseAll();
        reader.join(10_000);
        connection.checkTimeouts(later + idle / 2);
        assertThat(socket.closedWith.get()).as("idle counts from when the brain was done").isZero();
        connection.checkTimeouts(later + 2 * idle);
        assertThat(socket.closedWith.get()).isEqualTo(4408);
    }

    private static byte[] hello() {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("v", 2L);
        frame.put("id", "hello_1");
        frame.put("ts", null);
        frame.put("type", "hello");
        frame.put("payload", TestAgent.standardHello("w1"));
        return PythonJson.canonical(frame);
    }

    /** Signs as the agent would, with the binding strings the connection put in its hello_ack. */
    private static FrameSigner signerFor(AgentPrincipal principal, AgentConnections registry) {
        AgentConnection registered = registry.connectionsOf(principal.agentId()).get(0);
        SessionBinding binding = registered.binding();
        AtomicInteger nonce = new AtomicInteger();
        return new FrameSigner(principal.frameKey(), binding, Clock.systemUTC(), () -> "n-" + nonce.incrementAndGet());
    }
}
