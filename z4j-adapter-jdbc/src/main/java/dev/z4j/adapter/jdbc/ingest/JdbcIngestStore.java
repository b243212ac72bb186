package dev.z4j.adapter.jdbc.ingest;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.MultiRow;
import dev.z4j.adapter.jdbc.support.MultiRow.Column;
import dev.z4j.adapter.jdbc.support.MultiRow.Kind;
import dev.z4j.ports.ingest.EventRow;
import dev.z4j.ports.ingest.IngestStore;
import dev.z4j.ports.ingest.QueueChange;
import dev.z4j.ports.ingest.TaskChange;
import dev.z4j.ports.ingest.WorkerChange;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ingestion's writes: one multi-row statement per table. The task merge of {@link TaskChange} is an
 * {@code INSERT ... ON CONFLICT (id) DO UPDATE} whose {@code SET} expressions compare the stored row ({@code tasks})
 * with the change ({@code excluded}); both databases evaluate every expression against the row as it was, so the
 * conditions below are the rule exactly, and concurrent writers (PostgreSQL replicas) merge under the row lock.
 */
public final class JdbcIngestStore implements IngestStore {

    /** The change's state wins: higher tier; same tier, more recent; same instant, later or same stage. */
    private static final String STATE_WINS = "(excluded.state_tier > tasks.state_tier OR (excluded.state_tier = "
            + "tasks.state_tier AND excluded.state_tier > 0 AND (excluded.state_at > tasks.state_at OR "
            + "(excluded.state_at = tasks.state_at AND excluded.state_stage >= tasks.state_stage))))";
    private static final String FINISH = "(" + STATE_WINS + " AND excluded.state_tier = 2)";
    private static final String RECEIPT = "(excluded.received_at IS NOT NULL AND (tasks.received_at IS NULL OR "
            + "excluded.received_at >= tasks.received_at))";
    private static final String START = "(excluded.started_at IS NOT NULL AND (tasks.started_at IS NULL OR "
            + "excluded.started_at >= tasks.started_at))";
    private static final String DETAILS = "excluded.hostname IS NOT NULL";

    private final Database database;
    private final MultiRow<EventRow> events;
    private final MultiRow<Stamped<TaskChange>> tasks;
    private final MultiRow<Stamped<WorkerChange>> workers;
    private final MultiRow<Stamped<QueueChange>> queues;
    private final MultiRow<AgentStatusRow> statuses;

    /** A change with the time of the write that stores it. */
    private record Stamped<T>(T row, Instant now) {
    }

    public JdbcIngestStore(Database database) {
        this.database = database;
        Dialect dialect = database.dialect();
        this.events = new MultiRow<>(dialect, "events", List.of(
                col("id", Kind.UUID, EventRow::id), col("project_id", Kind.UUID, EventRow::projectId),
                col("agent_id", Kind.UUID, EventRow::agentId), col("engine", Kind.TEXT, EventRow::engine),
                col("task_id", Kind.TEXT, EventRow::taskId), col("task_key", Kind.LONG, EventRow::taskKey),
                col("kind", Kind.TEXT, EventRow::kind),
                col("occurred_at", Kind.INSTANT, EventRow::occurredAt), col("payload", Kind.JSON, EventRow::payload)),
                "ON CONFLICT (id) DO NOTHING RETURNING id");
        this.tasks = new MultiRow<>(dialect, "tasks", List.of(
                task("id", Kind.UUID, TaskChange::id), task("project_id", Kind.UUID, TaskChange::projectId),
                task("engine", Kind.TEXT, TaskChange::engine), task("task_id", Kind.TEXT, TaskChange::taskId),
                task("name", Kind.TEXT, TaskChange::name), task("queue", Kind.TEXT, TaskChange::queue),
                task("state", Kind.TEXT, t -> t.state() == null ? "pending" : t.state()),
                task("state_tier", Kind.LONG, t -> (long) t.stateTier()),
                task("state_at", Kind.INSTANT, TaskChange::stateAt),
                task("state_stage", Kind.LONG, t -> (long) t.stateStage()),
                task("priority", Kind.TEXT, TaskChange::priority), task("args", Kind.JSON, TaskChange::args),
                task("kwargs", Kind.JSON, TaskChange::kwargs), task("result", Kind.JSON, TaskChange::result),
                task("exception", Kind.TEXT, TaskChange::exception),
                task("traceback", Kind.TEXT, TaskChange::traceback),
                task("retry_count", Kind.LONG, t -> (long) t.retries()), task("eta", Kind.INSTANT, TaskChange::eta),
                task("received_at", Kind.INSTANT, TaskChange::receivedAt),
                task("started_at", Kind.INSTANT, TaskChange::startedAt),
                task("finished_at", Kind.INSTANT, TaskChange::finishedAt),
                task("runtime_ms", Kind.LONG, TaskChange::runtimeMs),
                task("worker_name", Kind.TEXT, TaskChange::workerName),
                task("parent_task_id", Kind.TEXT, TaskChange::parentTaskId),
                task("root_task_id", Kind.TEXT, TaskChange::rootTaskId), task("tags", Kind.JSON, TaskChange::tags),
                task("first_seen_at", Kind.INSTANT, TaskChange::firstSeenAt),
                task("last_event_at", Kind.INSTANT, TaskChange::lastEventAt),
                new Column<>("created_at", Kind.INSTANT, Stamped::now),
                new Column<>("updated_at", Kind.INSTANT, Stamped::now)),
                "ON CONFLICT (id) DO UPDATE SET "
                        + "name = COALESCE(excluded.name, tasks.name), "
                        + "queue = COALESCE(excluded.queue, tasks.queue), "
                        + "priority = COALESCE(excluded.priority, tasks.priority), "
                        + "tags = COALESCE(excluded.tags, tasks.tags), "
                        + when(STATE_WINS, "state") + ", " + when(STATE_WINS, "state_tier") + ", "
                        + when(STATE_WINS, "state_at") + ", " + when(STATE_WINS, "state_stage") + ", "
                        + when(RECEIPT, "received_at") + ", " + whenKnown(RECEIPT, "args") + ", "
                        + whenKnown(RECEIPT, "kwargs") + ", " + whenKnown(RECEIPT, "parent_task_id") + ", "
                        + whenKnown(RECEIPT, "root_task_id") + ", " + whenKnown(RECEIPT, "eta") + ", "
                        + when(START, "started_at") + ", "
                        + "worker_name = CASE WHEN " + START + " THEN COALESCE(excluded.worker_name, "
                        + "tasks.worker_name) ELSE COALESCE(tasks.worker_name, excluded.worker_name) END, "
                        + when(FINISH, "finished_at") + ", " + when(FINISH, "result") + ", "
                        + when(FINISH, "runtime_ms") + ", " + when(FINISH, "exception") + ", "
                        + when(FINISH, "traceback") + ", "
                        + "retry_count = tasks.retry_count + excluded.retry_count, "
                        + "first_seen_at = CASE WHEN excluded.first_seen_at < tasks.first_seen_at "
                        + "THEN excluded.first_seen_at ELSE tasks.first_seen_at END, "
                        + "last_event_at = CASE WHEN excluded.last_event_at > tasks.last_event_at "
                        + "THEN excluded.last_event_at ELSE tasks.last_event_at END, "
                        + "updated_at = excluded.updated_at");
        this.workers = new MultiRow<>(dialect, "workers", List.of(
                worker("id", Kind.UUID, WorkerChange::id), worker("project_id", Kind.UUID, WorkerChange::projectId),
                worker("engine", Kind.TEXT, WorkerChange::engine), worker("name", Kind.TEXT, WorkerChange::name),
                worker("hostname", Kind.TEXT, w -> w.details() == null ? null : w.details().hostname()),
                worker("pid", Kind.LONG, w -> w.details() == null ? null : w.details().pid()),
                worker("concurrency", Kind.LONG, w -> w.details() == null ? null : w.details().concurrency()),
                worker("queues", Kind.JSON, w -> w.details() == null || w.details().queues() == null ? "[]"
                        : w.details().queues()),
                worker("state", Kind.TEXT, WorkerChange::state),
                worker("last_heartbeat", Kind.INSTANT, WorkerChange::seenAt),
                worker("load_average", Kind.JSON, w -> w.details() == null ? null : w.details().loadAverage()),
                worker("active_tasks", Kind.LONG, w -> w.details() == null ? null : w.details().activeTasks()),
                worker("metadata", Kind.JSON, w -> w.details() == null || w.details().metadata() == null ? "{}"
                        : w.details().metadata()),
                new Column<>("created_at", Kind.INSTANT, Stamped::now),
                new Column<>("updated_at", Kind.INSTANT, Stamped::now)),
                "ON CONFLICT (id) DO UPDATE SET "
                        + "state = CASE WHEN excluded.last_heartbeat >= workers.last_heartbeat THEN excluded.state "
                        + "ELSE workers.state END, "
                        + "last_heartbeat = CASE WHEN excluded.last_heartbeat > workers.last_heartbeat "
                        + "THEN excluded.last_heartbeat ELSE workers.last_heartbeat END, "
                        + "hostname = COALESCE(excluded.hostname, workers.hostname), "
                        + details("pid") + ", " + details("concurrency") + ", " + details("queues") + ", "
                        + details("load_average") + ", " + details("active_tasks") + ", " + details("metadata") + ", "
                        + "updated_at = excluded.updated_at");
        this.queues = new MultiRow<>(dialect, "queues", List.of(
                queue("id", Kind.UUID, QueueChange::id), queue("project_id", Kind.UUID, QueueChange::projectId),
                queue("engine", Kind.TEXT, QueueChange::engine), queue("name", Kind.TEXT, QueueChange::name),
                queue("pending_count", Kind.LONG, QueueChange::pendingCount),
                queue("last_seen_at", Kind.INSTANT, QueueChange::seenAt),
                new Column<>("created_at", Kind.INSTANT, Stamped::now),
                new Column<>("updated_at", Kind.INSTANT, Stamped::now)),
                "ON CONFLICT (id) DO UPDATE SET "
                        + "pending_count = COALESCE(excluded.pending_count, queues.pending_count), "
                        + "last_seen_at = CASE WHEN excluded.last_seen_at > queues.last_seen_at "
                        + "THEN excluded.last_seen_at ELSE queues.last_seen_at END, "
                        + "updated_at = excluded.updated_at");
        this.statuses = new MultiRow<>(dialect, "agent_status_history", List.of(
                col("project_id", Kind.UUID, AgentStatusRow::projectId),
                col("agent_id", Kind.UUID, AgentStatusRow::agentId),
                col("captured_at", Kind.INSTANT, AgentStatusRow::capturedAt),
                col("payload", Kind.JSON, AgentStatusRow::payloadJson)), "");
    }

    @Override
    public Set<UUID> insertEvents(List<EventRow> rows) {
        return database.write(h -> new HashSet<>(events.executeReturningIds(h, rows)));
    }

    @Override
    public void upsertTasks(List<TaskChange> changes, Instant now) {
        database.write(h -> {
            tasks.execute(h, stamped(changes, now));
            return null;
        });
    }

    @Override
    public void upsertWorkers(List<WorkerChange> changes, Instant now) {
        database.write(h -> {
            workers.execute(h, stamped(changes, now));
            return null;
        });
    }

    @Override
    public void upsertQueues(List<QueueChange> changes, Instant now) {
        database.write(h -> {
            queues.execute(h, stamped(changes, now));
            return null;
        });
    }

    @Override
    public void appendAgentStatus(List<AgentStatusRow> rows) {
        database.write(h -> {
            statuses.execute(h, rows);
            return null;
        });
    }

    @Override
    public int pruneEvents(UUID boundary, int limit) {
        return database.write(h -> h.createUpdate("DELETE FROM events WHERE id IN (SELECT id FROM events "
                        + "WHERE id < :boundary ORDER BY id LIMIT :limit)")
                .bind("boundary", boundary).bind("limit", limit).execute());
    }

    @Override
    public int pruneAgentStatus(Instant cutoff, int limit) {
        return database.write(h -> h.createUpdate("DELETE FROM agent_status_history WHERE id IN (SELECT id FROM "
                        + "agent_status_history WHERE captured_at < :cutoff LIMIT :limit)")
                .bind("cutoff", cutoff).bind("limit", limit).execute());
    }

    private static <T> List<Stamped<T>> stamped(List<T> rows, Instant now) {
        return rows.stream().map(r -> new Stamped<>(r, now)).toList();
    }

    private static <R> Column<R> col(String name, Kind kind, Function<R, Object> value) {
        return new Column<>(name, kind, value);
    }

    private static Column<Stamped<TaskChange>> task(String name, Kind kind, Function<TaskChange, Object> value) {
        return new Column<>(name, kind, s -> value.apply(s.row()));
    }

    private static Column<Stamped<WorkerChange>> worker(String name, Kind kind, Function<WorkerChange, Object> value) {
        return new Column<>(name, kind, s -> value.apply(s.row()));
    }

    private static Column<Stamped<QueueChange>> queue(String name, Kind kind, Function<QueueChange, Object> value) {
        return new Column<>(name, kind, s -> value.apply(s.row()));
    }

    private static String when(String condition, String column) {
        return column + " = CASE WHEN " + condition + " THEN excluded." + column + " ELSE tasks." + column + " END";
    }

    private static String whenKnown(String condition, String column) {
        return column + " = CASE WHEN " + condition + " THEN COALESCE(excluded." + column + ", tasks." + column
                + ") ELSE tasks." + column + " END";
    }

    private static String details(String column) {
        return column + " = CASE WHEN " + DETAILS + " THEN excluded." + column + " ELSE workers." + column + " END";
    }
}
