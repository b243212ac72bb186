package dev.z4j.domain.ingest;

import dev.z4j.domain.ingest.EngineReports.Sightings;
import dev.z4j.domain.ingest.EventPreparation.Prepared;
import dev.z4j.domain.ingest.EventPreparation.PreparedBatch;
import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.domain.support.Redaction;
import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.ingest.AgentStatusReport;
import dev.z4j.ports.ingest.EngineHealth;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.EventIngestion;
import dev.z4j.ports.ingest.EventRow;
import dev.z4j.ports.ingest.IngestCounts;
import dev.z4j.ports.ingest.IngestStatistics;
import dev.z4j.ports.ingest.IngestStore;
import dev.z4j.ports.ingest.IngestStore.AgentStatusRow;
import dev.z4j.ports.ingest.QueueChange;
import dev.z4j.ports.ingest.TaskChange;
import dev.z4j.ports.ingest.WorkerChange;
import dev.z4j.ports.system.ChangeFeed;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.StorageFullException;
import dev.z4j.ports.system.Transactions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Ingestion with one writer per brain that commits in groups.
 *
 * <p>Submitting threads (the gateway's) prepare their batch (validation, ids, redaction: the CPU work) and queue it.
 * One writer thread takes everything queued, up to {@link IngestLimits#maxEventsPerCommit}, and stores it in one
 * transaction: the events with one insert that skips known ids, then one merge per table of what the new events say
 * about tasks, workers and queues. Each batch's future completes only after that commit, so an acknowledgement always
 * means "durable". Under load the writer's next group is whatever arrived during the last commit, so larger groups
 * amortise the commit exactly when it matters, and a lone batch is committed at once when the brain is idle.
 *
 * <p>The queue is bounded in events ({@link IngestLimits#maxQueuedEvents}): a full queue makes {@link #submit}
 * wait, which is the brain-wide back-pressure the gateway turns into unread sockets. Heartbeat reports and status
 * reports are not acknowledged to anyone: they are dropped rather than waited for when the queue is full.
 *
 * <p>If a group fails to commit, its batches are committed one by one so a single bad batch fails alone; if the
 * database is unavailable or full they all fail, their agents are not acknowledged and will send them again.
 */
public final class EventIngestor implements EventIngestion, IngestStatistics, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventIngestor.class.getName());
    private static final long WAIT_SLICE_MILLIS = 200;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final IngestStore store;
    private final Transactions transactions;
    private final ChangeFeed changes;
    private final Clock clock;
    private final IngestLimits limits;
    private final EventBudget budget;
    private final Semaphore room;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final LongAdder batchesCommitted = new LongAdder();
    private final LongAdder batchesFailed = new LongAdder();
    private final LongAdder eventsReceived = new LongAdder();
    private final LongAdder eventsAccepted = new LongAdder();
    private final Object lifecycle = new Object();
    private Thread writer;
    private volatile boolean closed;

    public EventIngestor(IngestStore store, Transactions transactions, ChangeFeed changes, Clock clock,
                         IngestLimits limits) {
        this(store, transactions, changes, clock, limits, System::nanoTime);
    }

    EventIngestor(IngestStore store, Transactions transactions, ChangeFeed changes, Clock clock, IngestLimits limits,
                  LongSupplier nanoTime) {
        this.store = store;
        this.transactions = transactions;
        this.changes = changes;
        this.clock = clock;
        this.limits = limits;
        this.budget = new EventBudget(limits.eventsPerSecondPerProject(), nanoTime);
        this.room = new Semaphore(limits.maxQueuedEvents(), true);
    }

    /** What the writer takes: a batch to acknowledge, or reports nobody waits for. Finished exactly once. */
    private abstract static class Work {
        private final AtomicBoolean finished = new AtomicBoolean();

        abstract int weight();

        boolean markFinished() {
            return finished.compareAndSet(false, true);
        }
    }

    private static final class EventsWork extends Work {
        final UUID project;
        final PreparedBatch batch;
        final CompletableFuture<IngestCounts> done = new CompletableFuture<>();

        EventsWork(UUID project, PreparedBatch batch) {
            this.project = project;
            this.batch = batch;
        }

        @Override
        int weight() {
            return batch.events().size();
        }
    }

    private static final class HealthWork extends Work {
        final Sightings sightings;

        HealthWork(Sightings sightings) {
            this.sightings = sightings;
        }

        @Override
        int weight() {
            return Math.max(1, sightings.workers().size() + sightings.queues().size());
        }
    }

    private static final class StatusWork extends Work {
        final AgentStatusRow row;

        StatusWork(AgentStatusRow row) {
            this.row = row;
        }

        @Override
        int weight() {
            return 1;
        }
    }

    @Override
    public CompletableFuture<IngestCounts> submit(EventBatch batch) {
        PreparedBatch prepared = EventPreparation.prepare(batch, Timestamps.now(clock));
        if (prepared.events().isEmpty()) {
            return CompletableFuture.completedFuture(new IngestCounts(prepared.received(), 0, prepared.received()));
        }
        EventsWork work = new EventsWork(batch.projectId(), prepared);
        try {
            enqueueWaiting(work);
        } catch (RuntimeException e) {
            work.done.completeExceptionally(e);
        }
        return work.done;
    }

    @Override
    public Totals totals() {
        long received = eventsReceived.sum();
        long accepted = eventsAccepted.sum();
        return new Totals(batchesCommitted.sum(), batchesFailed.sum(), received, accepted, received - accepted,
                limits.maxQueuedEvents() - room.availablePermits());
    }

    @Override
    public Duration admit(UUID projectId, int events) {
        return budget.admit(projectId, events);
    }

    @Override
    public void engineHealth(EngineHealth report) {
        if (!EngineReports.describesEngines(report.adapterHealth())) {
            return;
        }
        Sightings sightings = EngineReports.of(report, Timestamps.now(clock));
        if (!sightings.isEmpty()) {
            offer(new HealthWork(sightings), "heartbeat report");
        }
    }

    @Override
    public void agentStatus(AgentStatusReport report) {
        String payload = CanonicalJson.write(Redaction.bounded(Redaction.value(report.payload()),
                Redaction.MAX_VALUE_BYTES));
        offer(new StatusWork(new AgentStatusRow(report.projectId(), report.agentId(),
                report.capturedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS), payload)), "agent status");
    }

    private void offer(Work work, String what) {
        int permits = permits(work);
        if (closed || !room.tryAcquire(permits)) {
            LOG.log(Level.DEBUG, "ingest queue full; dropped a {0}", what);
            return;
        }
        queue.add(work);
        startWriter();
    }

    private void enqueueWaiting(Work work) {
        int permits = permits(work);
        try {
            while (!room.tryAcquire(permits, WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in the ingest queue", e);
        }
        if (closed) {
            room.release(permits);
            throw stopped();
        }
        queue.add(work);
        startWriter();
    }

    private int permits(Work work) {
        return Math.min(work.weight(), limits.maxQueuedEvents());
    }

    private static IllegalStateException stopped() {
        return new IllegalStateException("the brain is stopping; the batch was not stored");
    }

    private void startWriter() {
        synchronized (lifecycle) {
            if (writer == null && !closed) {
                writer = new Thread(this::writeLoop, "z4j-ingest-writer");
                writer.setDaemon(true);
                writer.start();
            }
        }
    }

    private void writeLoop() {
        List<Work> group = new ArrayList<>();
        while (true) {
            Work first;
            try {
                first = queue.poll(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
                if (first == null) {
                    return;
                }
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            group.add(first);
            int weight = first.weight();
            Work next;
            while ((next = queue.peek()) != null && weight + next.weight() <= limits.maxEventsPerCommit()) {
                group.add(queue.poll());
                weight += next.weight();
            }
            try {
                commit(group);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "the ingest writer failed unexpectedly; the batches it held are not acknowledged",
                        e);
                group.forEach(w -> finish(w, e, 0));
            }
            group.clear();
        }
    }

    private void commit(List<Work> group) {
        int[] accepted;
        try {
            Instant now = Timestamps.now(clock);
            accepted = transactions.inTransaction(() -> write(group, now));
        } catch (RuntimeException e) {
            boolean databaseGone = e instanceof DatabaseUnavailableException || e instanceof StorageFullException;
            if (group.size() > 1 && !databaseGone) {
                LOG.log(Level.WARNING, "a commit of {0} ingest items failed ({1}); committing them one by one",
                        group.size(), e.toString());
                for (Work work : group) {
                    commit(List.of(work));
                }
                return;
            }
            LOG.log(Level.ERROR, "could not store ingested events; their batches are not acknowledged: {0}",
                    e.getMessage());
            group.forEach(w -> finish(w, e, 0));
            return;
        }
        Set<UUID> changed = new LinkedHashSet<>();
        for (int i = 0; i < group.size(); i++) {
            Work work = group.get(i);
            finish(work, null, accepted[i]);
            if (work instanceof EventsWork events && accepted[i] > 0) {
                changed.add(events.project);
            }
        }
        for (UUID project : changed) {
            try {
                changes.publish(project, ChangeFeed.Topic.TASK_CHANGED);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not announce new events of project {0}", project, e);
            }
        }
    }

    /** Stores the group; returns, per item, how many of its events were new. */
    private int[] write(List<Work> group, Instant now) {
        Map<UUID, Integer> owners = new HashMap<>();
        List<EventRow> rows = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (group.get(i) instanceof EventsWork work) {
                for (Prepared event : work.batch.events()) {
                    if (owners.putIfAbsent(event.row().id(), i) == null) {
                        rows.add(event.row());
                    }
                }
            }
        }
        Set<UUID> inserted = rows.isEmpty() ? Set.of() : store.insertEvents(rows);
        int[] accepted = new int[group.size()];
        Map<UUID, TaskChange> tasks = new HashMap<>();
        Map<UUID, WorkerChange> workers = new HashMap<>();
        Map<UUID, QueueChange> queues = new HashMap<>();
        List<AgentStatusRow> statuses = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Work work = group.get(i);
            if (work instanceof EventsWork events) {
                for (Prepared event : events.batch.events()) {
                    UUID id = event.row().id();
                    if (!inserted.contains(id) || owners.get(id) != i) {
                        continue;
                    }
                    accepted[i]++;
                    if (event.task() != null) {
                        tasks.merge(event.task().id(), event.task(), TaskMerge::merge);
                    }
                    if (event.worker() != null) {
                        workers.merge(event.worker().id(), event.worker(), EventIngestor::mergeWorker);
                    }
                    if (event.queue() != null) {
                        queues.merge(event.queue().id(), event.queue(), EventIngestor::mergeQueue);
                    }
                }
            } else if (work instanceof HealthWork health) {
                health.sightings.workers().forEach(w -> workers.merge(w.id(), w, EventIngestor::mergeWorker));
                health.sightings.queues().forEach(q -> queues.merge(q.id(), q, EventIngestor::mergeQueue));
            } else if (work instanceof StatusWork status) {
                statuses.add(status.row);
            }
        }
        // Rows are written in id order so concurrent writers (several PostgreSQL replicas) lock them in one order.
        if (!tasks.isEmpty()) {
            store.upsertTasks(sorted(tasks.values(), TaskChange::id), now);
        }
        if (!workers.isEmpty()) {
            store.upsertWorkers(sorted(workers.values(), WorkerChange::id), now);
        }
        if (!queues.isEmpty()) {
            store.upsertQueues(sorted(queues.values(), QueueChange::id), now);
        }
        if (!statuses.isEmpty()) {
            store.appendAgentStatus(statuses);
        }
        return accepted;
    }

    private static <T> List<T> sorted(java.util.Collection<T> rows, java.util.function.Function<T, UUID> id) {
        List<T> list = new ArrayList<>(rows);
        list.sort(Comparator.comparing(id));
        return list;
    }

    /** The most recent sighting sets the state; details, when a sighting has them, are the newest. */
    static WorkerChange mergeWorker(WorkerChange current, WorkerChange incoming) {
        boolean newer = !incoming.seenAt().isBefore(current.seenAt());
        WorkerChange latest = newer ? incoming : current;
        WorkerChange.WorkerDetails details = incoming.details() != null ? incoming.details() : current.details();
        return new WorkerChange(current.id(), current.projectId(), current.engine(), current.name(), latest.state(),
                latest.seenAt(), details);
    }

    static QueueChange mergeQueue(QueueChange current, QueueChange incoming) {
        Instant seen = incoming.seenAt().isAfter(current.seenAt()) ? incoming.seenAt() : current.seenAt();
        Long depth = incoming.pendingCount() != null ? incoming.pendingCount() : current.pendingCount();
        return new QueueChange(current.id(), current.projectId(), current.engine(), current.name(), seen, depth);
    }

    private void finish(Work work, Throwable failure, int accepted) {
        if (!work.markFinished()) {
            return;
        }
        room.release(permits(work));
        if (work instanceof EventsWork events) {
            if (failure != null) {
                batchesFailed.increment();
                events.done.completeExceptionally(failure);
            } else {
                int received = events.batch.received();
                batchesCommitted.increment();
                eventsReceived.add(received);
                eventsAccepted.add(accepted);
                events.done.complete(new IngestCounts(received, accepted, received - accepted));
            }
        }
    }

    /** Stops taking batches, lets the writer commit what is queued (up to 30 s), then stops it. */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            closed = true;
            running = writer;
        }
        if (running != null) {
            try {
                running.join(CLOSE_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.interrupt();
        }
        Work left;
        while ((left = queue.poll()) != null) {
            finish(left, stopped(), 0);
        }
    }
}
