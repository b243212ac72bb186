package dev.z4j.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.domain.testing.FakeTransactions;
import dev.z4j.ports.ingest.EngineHealth;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.EventRow;
import dev.z4j.ports.ingest.IngestCounts;
import dev.z4j.ports.ingest.IngestStore;
import dev.z4j.ports.ingest.QueueChange;
import dev.z4j.ports.ingest.TaskChange;
import dev.z4j.ports.ingest.WorkerChange;
import dev.z4j.ports.system.ChangeFeed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer's grouping, isolation of a failing batch, and back-pressure, over an in-memory store. */
class EventIngestorTest {

    static final Instant NOW = Instant.parse("2026-05-13T10:00:00Z");
    final UUID project = UUID.randomUUID();
    final MemoryStore store = new MemoryStore();
    final List<UUID> announced = new CopyOnWriteArrayList<>();
    EventIngestor ingestion;

    /** Events in a set; {@link #gate} holds the writer inside its first insert; {@link #poison} fails an insert. */
    static final class MemoryStore implements IngestStore {
        final Set<UUID> events = new HashSet<>();
        final List<Integer> commitSizes = new CopyOnWriteArrayList<>();
        final List<WorkerChange> workers = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile String poison = "none";

        @Override
        public synchronized Set<UUID> insertEvents(List<EventRow> rows) {
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (rows.stream().anyMatch(r -> r.taskId().equals(poison))) {
                throw new IllegalStateException("constraint violated");
            }
            commitSizes.add(rows.size());
            Set<UUID> inserted = new HashSet<>();
            for (EventRow row : rows) {
                if (events.add(row.id())) {
                    inserted.add(row.id());
                }
            }
            return inserted;
        }

        @Override
        public void upsertTasks(List<TaskChange> changes, Instant now) {
        }

        @Override
        public void upsertWorkers(List<WorkerChange> changes, Instant now) {
            workers.addAll(changes);
        }

        @Override
        public void upsertQueues(List<QueueChange> changes, Instant now) {
        }

        @Override
        public void appendAgentStatus(List<AgentStatusRow> rows) {
        }

        @Override
        public int pruneEvents(UUID boundary, int limit) {
            return 0;
        }

        @Override
        public int pruneAgentStatus(Instant cutoff, int limit) {
            return 0;
        }
    }

    EventIngestor start(IngestLimits limits) {
        ChangeFeed feed = new ChangeFeed() {
            @Override
            public void publish(UUID projectId, Topic topic) {
                announced.add(projectId);
            }

            @Override
            public Subscription subscribe(UUID projectId, Consumer<Topic> listener) {
                return () -> { };
            }
        };
        ingestion = new EventIngestor(store, new FakeTransactions(), feed, Clock.fixed(NOW, ZoneOffset.UTC), limits);
        return ingestion;
    }

    @AfterEach
    void stop() {
        store.gate.countDown();
        if (ingestion != null) {
            ingestion.close();
        }
    }

    EventBatch batch(String taskPrefix, int events) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("kind", "task.received");
            event.put("engine", "celery");
            event.put("task_id", taskPrefix + "-" + i);
            event.put("occurred_at", "2026-05-13T09:59:00+00:00");
            event.put("data", Map.of());
            list.add(event);
        }
        return new EventBatch(project, UUID.randomUUID(), Optional.empty(), "ev_" + taskPrefix, list);
    }

    @Test
    void batches_queued_during_a_commit_are_committed_together_and_a_failing_one_fails_alone() throws Exception {
        start(IngestLimits.defaults(0));
        store.gate = new CountDownLatch(1);
        CompletableFuture<IngestCounts> first = ingestion.submit(batch("first", 1));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        store.poison = "bad-0";
        CompletableFuture<IngestCounts> good = ingestion.submit(batch("good", 2));
        CompletableFuture<IngestCounts> bad = ingestion.submit(batch("bad", 1));
        CompletableFuture<IngestCounts> alsoGood = ingestion.submit(batch("also", 3));

        store.gate.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new IngestCounts(1, 1, 0));
        assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo(new IngestCounts(2, 2, 0));
        assertThat(alsoGood.get(5, TimeUnit.SECONDS)).isEqualTo(new IngestCounts(3, 3, 0));
        assertThat(bad).failsWithin(5, TimeUnit.SECONDS);
        assertThat(store.commitSizes).containsExactly(1, 2, 3);
        assertThat(announced).contains(project);
    }

    @Test
    void a_full_queue_makes_submitters_wait_and_drops_unacknowledged_reports() throws Exception {
        start(new IngestLimits(0, 5000, 5000));
        store.gate = new CountDownLatch(1);
        CompletableFuture<IngestCounts> full = ingestion.submit(batch("full", 5000));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<IngestCounts> waiting = CompletableFuture.supplyAsync(() -> ingestion.ingest(batch("next", 1)));
        ingestion.engineHealth(new EngineHealth(project, UUID.randomUUID(), Map.of("celery.queue_depths",
                "{\"default\": 1}"), Optional.empty()));
        assertThatThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS))
                .as("the second batch waits for room").isInstanceOf(TimeoutException.class);

        store.gate.countDown();
        assertThat(full.get(5, TimeUnit.SECONDS).accepted()).isEqualTo(5000);
        assertThat(waiting.get(5, TimeUnit.SECONDS).accepted()).isEqualTo(1);
        assertThat(store.workers).isEmpty();
    }

    @Test
    void a_batch_of_nothing_storable_is_answered_at_once_without_the_writer() {
        start(IngestLimits.defaults(0));
        Map<String, Object> noKind = new LinkedHashMap<>(Map.of("engine", "celery"));

        IngestCounts counts = ingestion.ingest(new EventBatch(project, UUID.randomUUID(), Optional.empty(), "ev",
                List.of(noKind, Map.of("kind", "task.received"))));

        assertThat(counts).isEqualTo(new IngestCounts(2, 0, 2));
        assertThat(store.entered.getCount()).isEqualTo(1);
    }

    @Test
    void after_close_a_submitted_batch_fails_instead_of_waiting() {
        start(IngestLimits.defaults(0)).close();

        assertThat(ingestion.submit(batch("late", 1))).failsWithin(5, TimeUnit.SECONDS);
    }
}
