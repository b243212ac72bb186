package dev.z4j.adapter.jdbc.ingest;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.ingest.ProjectStats;
import dev.z4j.ports.ingest.QueueView;
import dev.z4j.ports.ingest.TaskDetail;
import dev.z4j.ports.ingest.TaskEvent;
import dev.z4j.ports.ingest.TaskFilter;
import dev.z4j.ports.ingest.TaskReadStore;
import dev.z4j.ports.ingest.TaskState;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.ingest.TaskTree;
import dev.z4j.ports.ingest.WorkerView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The read side of ingestion. Every list is a keyset page on an index of V6: tasks on
 * {@code (project_id, first_seen_at, id)} (or {@code (project_id, state, first_seen_at)} with a state filter),
 * a task's events on {@code task_key}, a tree on {@code (project_id, root_task_id)}, the 24-hour counts and the
 * window's finishes on {@code (project_id, finished_at)}. Row-value comparisons ({@code (a, b) < (x, y)}) continue a
 * page; both databases order UUIDs as their lowercase text.
 */
public final class JdbcTaskReadStore implements TaskReadStore {

    private static final String SUMMARY = "id, project_id, engine, task_id, name, queue, state, priority, retry_count, "
            + "eta, received_at, started_at, finished_at, runtime_ms, worker_name, parent_task_id, root_task_id, "
            + "CAST(tags AS TEXT) AS tags, first_seen_at, last_event_at";
    private static final String DETAIL = SUMMARY + ", CAST(args AS TEXT) AS args, CAST(kwargs AS TEXT) AS kwargs, "
            + "CAST(result AS TEXT) AS result, exception, traceback";
    private static final String WORKER = "w.id, w.project_id, w.engine, w.name, w.hostname, w.pid, w.concurrency, "
            + "CAST(w.queues AS TEXT) AS queues, w.state, w.last_heartbeat, CAST(w.load_average AS TEXT) AS load_average, "
            + "w.active_tasks, w.created_at, COALESCE(c.succeeded, 0) AS succeeded, COALESCE(c.failed, 0) AS failed, "
            + "COALESCE(c.retried, 0) AS retried";
    /** What each worker finished in the window, from the tasks (not the events, which have no worker index). */
    private static final String WORKER_COUNTS = "LEFT JOIN (SELECT engine, worker_name, "
            + "SUM(CASE WHEN state = 'success' THEN 1 ELSE 0 END) AS succeeded, "
            + "SUM(CASE WHEN state = 'failure' THEN 1 ELSE 0 END) AS failed, SUM(retry_count) AS retried "
            + "FROM tasks WHERE project_id = :project AND finished_at >= :since AND worker_name IS NOT NULL "
            + "GROUP BY engine, worker_name) c ON c.engine = w.engine AND c.worker_name = w.name";

    private final Database database;
    private final Dialect dialect;

    public JdbcTaskReadStore(Database database) {
        this.database = database;
        this.dialect = database.dialect();
    }

    @Override
    public List<TaskSummary> tasks(UUID projectId, TaskFilter filter, Optional<Position> after, int limit) {
        return database.read(h -> taskQuery(h, SUMMARY, projectId, filter, after, limit)
                .map((rs, ctx) -> summary(rs, ctx)).list());
    }

    @Override
    public List<TaskDetail> taskDetails(UUID projectId, TaskFilter filter, Optional<Position> after, int limit) {
        return database.read(h -> taskQuery(h, DETAIL, projectId, filter, after, limit)
                .map((rs, ctx) -> detail(rs, ctx)).list());
    }

    private Query taskQuery(Handle h, String columns, UUID projectId, TaskFilter filter, Optional<Position> after,
                            int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM tasks WHERE project_id = :project");
        if (!filter.states().isEmpty()) {
            sql.append(" AND state IN (<states>)");
        }
        filter.name().ifPresent(n -> sql.append(dialect == Dialect.SQLITE ? " AND instr(name, :name) > 0"
                : " AND strpos(name, :name) > 0"));
        filter.queue().ifPresent(q -> sql.append(" AND queue = :queue"));
        filter.worker().ifPresent(w -> sql.append(" AND worker_name = :worker"));
        filter.search().ifPresent(s -> {
            String like = dialect == Dialect.SQLITE ? " LIKE :search ESCAPE '!'" : " ILIKE :search ESCAPE '!'";
            sql.append(" AND (name").append(like).append(" OR queue").append(like).append(" OR worker_name")
                    .append(like).append(" OR task_id").append(like).append(")");
        });
        filter.since().ifPresent(s -> sql.append(" AND first_seen_at >= :since"));
        filter.until().ifPresent(u -> sql.append(" AND first_seen_at < :until"));
        after.ifPresent(a -> sql.append(" AND (first_seen_at, id) < (:afterAt, :afterId)"));
        sql.append(" ORDER BY first_seen_at DESC, id DESC LIMIT :limit");
        Query query = h.createQuery(sql.toString()).bind("project", projectId).bind("limit", limit);
        if (!filter.states().isEmpty()) {
            query.bindList("states", filter.states().stream().map(TaskState::wire).toList());
        }
        filter.name().ifPresent(n -> query.bind("name", n));
        filter.queue().ifPresent(q -> query.bind("queue", q));
        filter.worker().ifPresent(w -> query.bind("worker", w));
        filter.search().ifPresent(s -> query.bind("search", "%" + escapeLike(s) + "%"));
        filter.since().ifPresent(s -> query.bind("since", s));
        filter.until().ifPresent(u -> query.bind("until", u));
        after.ifPresent(a -> query.bind("afterAt", a.at()).bind("afterId", a.id()));
        return query;
    }

    @Override
    public Optional<TaskDetail> task(UUID projectId, UUID id) {
        return database.read(h -> h.createQuery("SELECT " + DETAIL + " FROM tasks WHERE id = :id AND project_id = :project")
                .bind("id", id).bind("project", projectId).map((rs, ctx) -> detail(rs, ctx)).findOne());
    }

    @Override
    public List<TaskEvent> events(UUID projectId, long taskKey, String engine, String taskId, Optional<Position> after,
                                  int limit) {
        return database.read(h -> {
            Query query = h.createQuery("SELECT id, project_id, agent_id, engine, task_id, kind, occurred_at, "
                            + "CAST(payload AS TEXT) AS payload FROM events WHERE task_key = :key AND project_id = :project "
                            + "AND engine = :engine AND task_id = :taskId"
                            + (after.isPresent() ? " AND (occurred_at, id) < (:afterAt, :afterId)" : "")
                            + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
                    .bind("key", taskKey).bind("project", projectId).bind("engine", engine).bind("taskId", taskId)
                    .bind("limit", limit);
            after.ifPresent(a -> query.bind("afterAt", a.at()).bind("afterId", a.id()));
            return query.map((rs, ctx) -> new TaskEvent(Rows.uuid(rs, "id", ctx), Rows.uuid(rs, "project_id", ctx),
                    Rows.uuid(rs, "agent_id", ctx), rs.getString("engine"), rs.getString("task_id"),
                    rs.getString("kind"), Rows.instant(rs, "occurred_at", ctx), rs.getString("payload"))).list();
        });
    }

    @Override
    public List<TaskTree.Node> tree(UUID projectId, UUID rootId, String rootTaskId, int limit) {
        String node = "SELECT engine, task_id, name, state, parent_task_id, root_task_id, received_at, finished_at, "
                + "first_seen_at, id FROM tasks ";
        return database.read(h -> h.createQuery("SELECT * FROM (" + node + "WHERE id = :rootId AND project_id = :project "
                        + "UNION ALL " + node + "WHERE project_id = :project AND root_task_id = :root) nodes "
                        + "ORDER BY first_seen_at, id LIMIT :limit")
                .bind("rootId", rootId).bind("project", projectId).bind("root", rootTaskId).bind("limit", limit)
                .map((rs, ctx) -> new TaskTree.Node(rs.getString("engine"), rs.getString("task_id"),
                        text(rs, "name"), state(rs), text(rs, "parent_task_id"), text(rs, "root_task_id"),
                        Rows.optionalInstant(rs, "received_at", ctx), Rows.optionalInstant(rs, "finished_at", ctx)))
                .list());
    }

    @Override
    public List<WorkerView> workers(UUID projectId, Instant countsSince) {
        return database.read(h -> h.createQuery("SELECT " + WORKER + ", NULL AS metadata FROM workers w "
                        + WORKER_COUNTS + " WHERE w.project_id = :project ORDER BY w.last_heartbeat DESC, w.id")
                .bind("project", projectId).bind("since", countsSince).map((rs, ctx) -> worker(rs, ctx)).list());
    }

    @Override
    public Optional<WorkerView> worker(UUID projectId, UUID workerId, Instant countsSince) {
        return database.read(h -> h.createQuery("SELECT " + WORKER + ", CAST(w.metadata AS TEXT) AS metadata "
                        + "FROM workers w " + WORKER_COUNTS + " WHERE w.project_id = :project AND w.id = :id")
                .bind("project", projectId).bind("id", workerId).bind("since", countsSince)
                .map((rs, ctx) -> worker(rs, ctx)).findOne());
    }

    @Override
    public List<QueueView> queues(UUID projectId) {
        return database.read(h -> queuesOn(h, projectId));
    }

    private static List<QueueView> queuesOn(Handle h, UUID projectId) {
        return h.createQuery("SELECT id, project_id, engine, name, pending_count, last_seen_at, created_at FROM queues "
                        + "WHERE project_id = :project ORDER BY name, engine")
                .bind("project", projectId)
                .map((rs, ctx) -> new QueueView(Rows.uuid(rs, "id", ctx), Rows.uuid(rs, "project_id", ctx),
                        rs.getString("engine"), rs.getString("name"), number(rs, "pending_count"),
                        Rows.instant(rs, "last_seen_at", ctx), Rows.instant(rs, "created_at", ctx)))
                .list();
    }

    @Override
    public ProjectStats stats(UUID projectId, Duration window, Instant now) {
        Instant since = now.minus(window);
        return database.read(h -> {
            Map<TaskState, Long> byState = new EnumMap<>(TaskState.class);
            h.createQuery("SELECT state, COUNT(*) AS n FROM tasks WHERE project_id = :project AND first_seen_at >= :since "
                            + "GROUP BY state")
                    .bind("project", projectId).bind("since", since)
                    .map((rs, ctx) -> Map.entry(state(rs), rs.getLong("n"))).forEach(e -> byState.put(e.getKey(), e.getValue()));
            // No condition on state: it would steer the planner to the state index and a lookup of every finished
            // task's row; the finished_at range alone reads only the window's tasks.
            Map<String, Long> finished = h.createQuery("SELECT SUM(CASE WHEN state = 'success' THEN 1 ELSE 0 END) AS s, "
                            + "SUM(CASE WHEN state = 'failure' THEN 1 ELSE 0 END) AS f FROM tasks "
                            + "WHERE project_id = :project AND finished_at >= :since")
                    .bind("project", projectId).bind("since", since)
                    .map((rs, ctx) -> Map.of("success", rs.getLong("s"), "failure", rs.getLong("f"))).one();
            Map<String, Long> workers = counts(h, "SELECT state AS k, COUNT(*) AS n FROM workers "
                    + "WHERE project_id = :project GROUP BY state", projectId, since);
            Map<String, Long> agents = counts(h, "SELECT CASE WHEN state = 'online' THEN 'online' ELSE 'offline' END "
                    + "AS k, COUNT(*) AS n FROM agents WHERE project_id = :project GROUP BY 1", projectId, since);
            return new ProjectStats(window, since, byState, finished.getOrDefault("success", 0L),
                    finished.getOrDefault("failure", 0L), workers.getOrDefault("online", 0L),
                    workers.getOrDefault("offline", 0L), agents.getOrDefault("online", 0L),
                    agents.getOrDefault("offline", 0L), queuesOn(h, projectId));
        });
    }

    private static Map<String, Long> counts(Handle h, String sql, UUID projectId, Instant since) {
        Query query = h.createQuery(sql).bind("project", projectId);
        if (sql.contains(":since")) {
            query.bind("since", since);
        }
        Map<String, Long> counts = new java.util.HashMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getString("k"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static TaskSummary summary(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TaskSummary(Rows.uuid(rs, "id", ctx), Rows.uuid(rs, "project_id", ctx), rs.getString("engine"),
                rs.getString("task_id"), text(rs, "name"), text(rs, "queue"), state(rs), text(rs, "priority"),
                rs.getInt("retry_count"), Rows.optionalInstant(rs, "eta", ctx),
                Rows.optionalInstant(rs, "received_at", ctx), Rows.optionalInstant(rs, "started_at", ctx),
                Rows.optionalInstant(rs, "finished_at", ctx), number(rs, "runtime_ms"), text(rs, "worker_name"),
                text(rs, "parent_task_id"), text(rs, "root_task_id"), text(rs, "tags"),
                Rows.instant(rs, "first_seen_at", ctx), Rows.instant(rs, "last_event_at", ctx));
    }

    private static TaskDetail detail(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TaskDetail(summary(rs, ctx), text(rs, "args"), text(rs, "kwargs"), text(rs, "result"),
                text(rs, "exception"), text(rs, "traceback"));
    }

    private static WorkerView worker(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WorkerView(Rows.uuid(rs, "id", ctx), Rows.uuid(rs, "project_id", ctx), rs.getString("engine"),
                rs.getString("name"), text(rs, "hostname"), number(rs, "pid"), number(rs, "concurrency"),
                rs.getString("queues"), rs.getString("state"), Rows.instant(rs, "last_heartbeat", ctx),
                text(rs, "load_average"), number(rs, "active_tasks"), rs.getLong("succeeded"), rs.getLong("failed"),
                rs.getLong("retried"), Rows.instant(rs, "created_at", ctx), text(rs, "metadata"));
    }

    private static TaskState state(ResultSet rs) throws SQLException {
        return TaskState.fromWire(rs.getString("state")).orElse(TaskState.UNKNOWN);
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static Optional<Long> number(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** {@code %}, {@code _} and the escape itself match literally (JDBI reads a backslash as its own escape). */
    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
