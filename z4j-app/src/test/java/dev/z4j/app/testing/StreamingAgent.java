package dev.z4j.app.testing;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * An agent streaming task lifecycles as fast as its window of unacknowledged batches allows, like the real agent's
 * buffer: one thread sends, one reads acknowledgements. Every event is a distinct (task id, kind) pair under the
 * agent's prefix, so what the database holds can be matched event by event against what was acknowledged.
 */
public final class StreamingAgent {

    private static final String[] LIFECYCLE = {"task.received", "task.started", "task.succeeded"};
    /** Like the agent, a heartbeat when nothing else was sent for this long. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    /** A batch as sent; re-sending it sends the same events (same stamps, so the same stored ids). */
    public record Batch(String id, List<Map<String, Object>> events) {
        /** The (task id, kind) of each event, as {@link #stored} reports them. */
        public List<String> keys() {
            return events.stream().map(e -> e.get("task_id") + " " + e.get("kind")).toList();
        }
    }

    /**
     * An acknowledgement: which batch, the keys of its events and what the brain counted. It keeps no events: a long
     * run acknowledges hundreds of thousands of them ({@link #recentlyAcknowledged} keeps the last few batches whole).
     */
    public record Ack(String batchId, List<String> keys, long received, long accepted, long rejected, long nanos) {
        public int size() {
            return keys.size();
        }
    }

    private static final int RECENT_BATCHES = 16;

    private final TestAgent agent;
    private final String prefix;
    private final int batchSize;
    private final Semaphore window;
    private final Map<String, Batch> unacked = new ConcurrentHashMap<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final java.util.Deque<Batch> recent = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final LongAdder ackedEvents = new LongAdder();
    private final LongAdder sentEvents = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread sender;
    private final Thread receiver;
    private volatile boolean stopped;
    private int sequence;

    private StreamingAgent(TestAgent agent, String prefix, int batchSize, int window) {
        this.agent = agent;
        this.prefix = prefix;
        this.batchSize = batchSize;
        this.window = new Semaphore(window);
        this.sender = new Thread(this::send, "streaming-sender-" + prefix);
        this.receiver = new Thread(this::receive, "streaming-receiver-" + prefix);
        sender.setDaemon(true);
        receiver.setDaemon(true);
    }

    /** Starts streaming batches of {@code batchSize} events with at most {@code window} unacknowledged. */
    public static StreamingAgent start(TestAgent agent, String prefix, int batchSize, int window) {
        StreamingAgent streaming = new StreamingAgent(agent, prefix, batchSize, window);
        streaming.sender.start();
        streaming.receiver.start();
        return streaming;
    }

    private void send() {
        try {
            long lastSent = System.nanoTime();
            while (!stopped && !agent.isClosed()) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() - lastSent > HEARTBEAT.toNanos()) {
                        agent.sendHeartbeat();
                        lastSent = System.nanoTime();
                    }
                    continue;
                }
                lastSent = System.nanoTime();
                Batch batch = nextBatch();
                unacked.put(batch.id(), batch);
                sentAt.put(batch.id(), System.nanoTime());
                agent.sendSigned("event_batch", batch.id(), Map.of("events", batch.events()));
                sentEvents.add(batch.events().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!agent.isClosed()) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private Batch nextBatch() {
        int number = ++sequence;
        List<Map<String, Object>> events = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            events.add(TestAgent.taskEvent(LIFECYCLE[i % 3], prefix + "-" + number + "-" + i / 3));
        }
        return new Batch("ev_" + prefix + "_" + number, events);
    }

    private void receive() {
        while (true) {
            Frame frame;
            try {
                frame = agent.awaitFrame("event_batch_ack", Duration.ofMillis(500));
            } catch (AssertionError timeout) {
                if (agent.isClosed() || stopped && unacked.isEmpty()) {
                    return;
                }
                continue;
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                return;
            }
            String id = (String) frame.payload().get("acked_id");
            Batch batch = unacked.remove(id);
            Long sent = sentAt.remove(id);
            if (batch == null) {
                failure.compareAndSet(null, new AssertionError("an ack for a batch not sent or acked twice: " + id));
                continue;
            }
            long accepted = number(frame, "accepted");
            acks.add(new Ack(batch.id(), batch.keys(), number(frame, "received"), accepted,
                    number(frame, "rejected"), System.nanoTime() - sent));
            recent.addLast(batch);
            if (recent.size() > RECENT_BATCHES) {
                recent.pollFirst();
            }
            ackedEvents.add(accepted);
            window.release();
        }
    }

    private static long number(Frame frame, String field) {
        return ((Number) frame.payload().get(field)).longValue();
    }

    /** Stops sending; acknowledgements of what is in flight are still read. */
    public void stopSending() {
        stopped = true;
    }

    /** Stops sending and waits until every sent batch is acknowledged (or the session closed); true when all are. */
    public boolean drain(Duration timeout) throws InterruptedException {
        stopSending();
        sender.join(timeout.toMillis());
        receiver.join(timeout.toMillis());
        return unacked.isEmpty();
    }

    public List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** The last {@code n} acknowledged batches, whole (n at most 16), oldest first. */
    public List<Batch> recentlyAcknowledged(int n) {
        List<Batch> all = List.copyOf(recent);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    public Collection<Batch> unacknowledged() {
        return List.copyOf(unacked.values());
    }

    public long ackedEvents() {
        return ackedEvents.sum();
    }

    /** Events of the batches whose sending completed (the socket took them). */
    public long sentEvents() {
        return sentEvents.sum();
    }

    public long ackedBatches() {
        return acks.size();
    }

    /** What went wrong on the agent's side (a send failing while the session was open, a stray ack), if anything. */
    public Throwable failure() {
        return failure.get();
    }

    public TestAgent connection() {
        return agent;
    }

    /** How many rows the database holds per (task id, kind) for task ids starting with {@code prefix}. */
    public static Map<String, Integer> stored(Connection db, String prefix) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT task_id, kind FROM events WHERE task_id >= ? AND task_id < ?")) {
            query.setString(1, prefix);
            query.setString(2, prefix + Character.MAX_VALUE);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.merge(result.getString(1) + " " + result.getString(2), 1, Integer::sum);
                }
            }
        }
        return rows;
    }
}
