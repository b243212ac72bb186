package dev.z4j.adapter.http.ingest;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Csv;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.ingest.Page;
import dev.z4j.ports.ingest.ProjectStats;
import dev.z4j.ports.ingest.QueueView;
import dev.z4j.ports.ingest.TaskDetail;
import dev.z4j.ports.ingest.TaskEvent;
import dev.z4j.ports.ingest.TaskFilter;
import dev.z4j.ports.ingest.TaskQueries;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.ingest.TaskTree;
import dev.z4j.ports.ingest.WorkerView;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Task data under {@code /api/v1/projects/{slug}} with upstream's paths and field names: {@code tasks} (filters
 * {@code state} (comma-separated), {@code name}, {@code queue}, {@code worker}, {@code search}, {@code since},
 * {@code until}; {@code cursor} and {@code limit}; {@code format=csv|jsonl} exports every match, streamed),
 * {@code tasks/{engine}/{task_id}} and its {@code /tree}, {@code events?engine=&task_id=}, {@code workers} (with
 * 24-hour counts) and {@code workers/{worker_id}}, {@code queues}, {@code stats?hours=}. A bad parameter is 422
 * naming it in {@code details.field}.
 */
public final class TaskRoutes {

    private static final String PROJECT = "/api/v1/projects/{slug}";
    static final List<String> EXPORT_COLUMNS = List.of("id", "project_id", "engine", "task_id", "name", "queue",
            "state", "priority", "args", "kwargs", "result", "exception", "traceback", "retry_count", "eta",
            "received_at", "started_at", "finished_at", "runtime_ms", "worker_name", "parent_task_id", "root_task_id",
            "tags", "first_seen_at", "last_event_at");
    private static final Set<String> JSON_COLUMNS = Set.of("args", "kwargs", "result", "tags");

    private final TaskQueries tasks;
    private final Callers callers;

    public TaskRoutes(TaskQueries tasks, Callers callers) {
        this.tasks = tasks;
        this.callers = callers;
    }

    /** Every route here, all reads of task history and engine state: SPEC §5 grants them to agent tokens too. */
    public static final List<String> READS = List.of("/tasks", "/tasks/{engine}/{task_id}",
            "/tasks/{engine}/{task_id}/tree", "/events", "/workers", "/workers/{worker_id}", "/queues", "/stats")
            .stream().map(path -> "GET " + PROJECT + path).toList();

    public void register(JavalinConfig config) {
        config.routes.get(PROJECT + "/tasks", this::list);
        config.routes.get(PROJECT + "/tasks/{engine}/{task_id}", this::detail);
        config.routes.get(PROJECT + "/tasks/{engine}/{task_id}/tree", this::tree);
        config.routes.get(PROJECT + "/events", this::events);
        config.routes.get(PROJECT + "/workers", this::workers);
        config.routes.get(PROJECT + "/workers/{worker_id}", this::worker);
        config.routes.get(PROJECT + "/queues", this::queues);
        config.routes.get(PROJECT + "/stats", this::stats);
    }

    private void list(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        TaskFilter filter = filter(ctx);
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json");
        switch (format) {
            case "json" -> ctx.json(page(tasks.tasks(caller, slug, filter, cursor(ctx), limit(ctx)),
                    t -> summary(t, new LinkedHashMap<>())));
            case "csv" -> export(ctx, caller, slug, filter, "z4j-tasks-" + slug + ".csv", "text/csv; charset=utf-8", true);
            case "jsonl" -> export(ctx, caller, slug, filter, "z4j-tasks-" + slug + ".jsonl", "application/x-ndjson",
                    false);
            default -> throw invalid("format", "format must be json, csv or jsonl");
        }
    }

    /**
     * Every matching task with its details, streamed as the pages are read. The in-port authorizes before the first
     * row, so a refusal still becomes a normal error response (nothing has been written yet).
     */
    private void export(Context ctx, Caller caller, String slug, TaskFilter filter, String fileName,
                        String contentType, boolean csv) {
        ctx.contentType(contentType);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.header("Cache-Control", "no-store");
        Writer[] out = new Writer[1];
        try {
            tasks.export(caller, slug, filter, task -> {
                try {
                    if (out[0] == null) {
                        out[0] = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
                        if (csv) {
                            out[0].write(Csv.line(EXPORT_COLUMNS));
                        }
                    }
                    out[0].write(csv ? csvLine(task) : ctx.jsonMapper().toJsonString(detail(task), Map.class) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException("the client went away during a task export", e);
                }
            });
            if (out[0] == null) {
                out[0] = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
                if (csv) {
                    out[0].write(Csv.line(EXPORT_COLUMNS));
                }
            }
            out[0].flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during a task export", e);
        }
    }

    private static String csvLine(TaskDetail task) {
        Map<String, Object> item = detail(task);
        List<String> fields = new ArrayList<>(EXPORT_COLUMNS.size());
        for (String column : EXPORT_COLUMNS) {
            Object value = item.get(column);
            fields.add(value == null ? "" : JSON_COLUMNS.contains(column) ? ((RawValue) value).rawValue().toString()
                    : value.toString());
        }
        return Csv.line(fields);
    }

    private void detail(Context ctx) {
        ctx.json(detail(tasks.task(callers.authenticated(ctx), ctx.pathParam("slug"), ctx.pathParam("engine"),
                ctx.pathParam("task_id"))));
    }

    private void tree(Context ctx) {
        TaskTree tree = tasks.tree(callers.authenticated(ctx), ctx.pathParam("slug"), ctx.pathParam("engine"),
                ctx.pathParam("task_id"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("root_task_id", tree.rootTaskId());
        json.put("node_count", tree.nodes().size());
        json.put("truncated", tree.truncated());
        json.put("nodes", tree.nodes().stream().map(n -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("engine", n.engine());
            node.put("task_id", n.taskId());
            node.put("name", n.name().orElse(null));
            node.put("state", n.state().wire());
            node.put("parent_task_id", n.parentTaskId().orElse(null));
            node.put("root_task_id", n.rootTaskId().orElse(null));
            node.put("received_at", n.receivedAt().orElse(null));
            node.put("finished_at", n.finishedAt().orElse(null));
            return node;
        }).toList());
        ctx.json(json);
    }

    private void events(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String engine = Optional.ofNullable(ctx.queryParam("engine")).orElse("");
        String taskId = Optional.ofNullable(ctx.queryParam("task_id")).orElse("");
        ctx.json(page(tasks.events(caller, ctx.pathParam("slug"), engine, taskId, cursor(ctx), limit(ctx)),
                TaskRoutes::event));
    }

    private void workers(Context ctx) {
        ctx.json(tasks.workers(callers.authenticated(ctx), ctx.pathParam("slug")).stream()
                .map(TaskRoutes::worker).toList());
    }

    private void worker(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        WorkerView worker = tasks.worker(caller, ctx.pathParam("slug"),
                PathParams.uuid(ctx, "worker_id", "worker_not_found", "worker not found"));
        Map<String, Object> json = worker(worker);
        json.put("metadata", raw(worker.metadataJson()));
        ctx.json(json);
    }

    private void queues(Context ctx) {
        ctx.json(tasks.queues(callers.authenticated(ctx), ctx.pathParam("slug")).stream()
                .map(TaskRoutes::queue).toList());
    }

    private void stats(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        int hours = integer(ctx, "hours", 24);
        ProjectStats stats = tasks.stats(caller, ctx.pathParam("slug"), Duration.ofHours(hours));
        Map<String, Object> byState = new LinkedHashMap<>();
        stats.tasksByState().forEach((state, count) -> byState.put(state.wire(), count));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hours", hours);
        json.put("since", stats.since());
        json.put("tasks_by_state", byState);
        json.put("tasks_total", stats.tasksTotal());
        json.put("tasks_failed_24h", stats.failed());
        json.put("tasks_succeeded_24h", stats.succeeded());
        json.put("failure_rate_24h", stats.failureRate());
        json.put("agents_online", stats.agentsOnline());
        json.put("agents_offline", stats.agentsOffline());
        json.put("workers_online", stats.workersOnline());
        json.put("workers_offline", stats.workersOffline());
        json.put("queue_depths", stats.queues().stream().map(q -> {
            Map<String, Object> depth = new LinkedHashMap<>();
            depth.put("name", q.name());
            depth.put("engine", q.engine());
            depth.put("pending_count", q.pendingCount().orElse(null));
            depth.put("last_seen_at", q.lastSeenAt());
            return depth;
        }).toList());
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", stats.health());
        health.put("agents_all_online", stats.agentsOffline() == 0);
        health.put("queue_depth_ok", stats.queuedTotal() < ProjectStats.QUEUE_DEPTH_LIMIT);
        health.put("failure_rate_ok", stats.failureRate() < ProjectStats.FAILURE_RATE_LIMIT);
        json.put("system_health", health);
        ctx.json(json);
    }

    /** The filters of the list and the export, each checked; a bad one is 422 naming it. */
    static TaskFilter filter(Context ctx) {
        return TaskFilter.read(ctx::queryParam, TaskRoutes::invalid);
    }

    private static Optional<String> cursor(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isEmpty());
    }

    private static int limit(Context ctx) {
        return integer(ctx, "limit", TaskQueries.DEFAULT_LIMIT);
    }

    private static int integer(Context ctx, String field, int fallback) {
        String value = ctx.queryParam(field);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(field, field + " must be a whole number");
        }
    }

    private static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.items().stream().map(item).toList());
        json.put("next_cursor", page.nextCursor().orElse(null));
        return json;
    }

    /** Upstream's TaskPublic without the big fields; {@code first_seen_at}/{@code last_event_at} for its timestamps. */
    private static Map<String, Object> summary(TaskSummary t, Map<String, Object> json) {
        json.put("id", t.id().toString());
        json.put("project_id", t.projectId().toString());
        json.put("engine", t.engine());
        json.put("task_id", t.taskId());
        json.put("name", t.name().orElse(null));
        json.put("queue", t.queue().orElse(null));
        json.put("state", t.state().wire());
        json.put("priority", t.priority().orElse("normal"));
        json.put("retry_count", t.retryCount());
        json.put("eta", t.eta().orElse(null));
        json.put("received_at", t.receivedAt().orElse(null));
        json.put("started_at", t.startedAt().orElse(null));
        json.put("finished_at", t.finishedAt().orElse(null));
        json.put("runtime_ms", t.runtimeMs().orElse(null));
        json.put("worker_name", t.workerName().orElse(null));
        json.put("parent_task_id", t.parentTaskId().orElse(null));
        json.put("root_task_id", t.rootTaskId().orElse(null));
        json.put("tags", t.tagsJson().map(RawValue::new).orElse(new RawValue("[]")));
        json.put("first_seen_at", t.firstSeenAt());
        json.put("last_event_at", t.lastEventAt());
        return json;
    }

    /** Upstream's TaskPublic in full. */
    static Map<String, Object> detail(TaskDetail t) {
        Map<String, Object> json = new LinkedHashMap<>();
        summary(t.summary(), json);
        json.put("args", raw(t.argsJson()));
        json.put("kwargs", raw(t.kwargsJson()));
        json.put("result", raw(t.resultJson()));
        json.put("exception", t.exception().orElse(null));
        json.put("traceback", t.traceback().orElse(null));
        return json;
    }

    private static Map<String, Object> event(TaskEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.id().toString());
        json.put("project_id", e.projectId().toString());
        json.put("agent_id", e.agentId().toString());
        json.put("engine", e.engine());
        json.put("task_id", e.taskId());
        json.put("kind", e.kind());
        json.put("occurred_at", e.occurredAt());
        json.put("payload", new RawValue(e.payloadJson()));
        return json;
    }

    private static Map<String, Object> worker(WorkerView w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", w.id().toString());
        json.put("project_id", w.projectId().toString());
        json.put("engine", w.engine());
        json.put("name", w.name());
        json.put("hostname", w.hostname().orElse(null));
        json.put("pid", w.pid().orElse(null));
        json.put("concurrency", w.concurrency().orElse(null));
        json.put("queues", new RawValue(w.queuesJson()));
        json.put("state", w.state());
        json.put("last_heartbeat", w.lastHeartbeat());
        json.put("load_average", raw(w.loadAverageJson()));
        json.put("active_tasks", w.activeTasks().orElse(0L));
        json.put("processed", w.processed());
        json.put("succeeded", w.succeeded());
        json.put("failed", w.failed());
        json.put("retried", w.retried());
        json.put("created_at", w.createdAt());
        return json;
    }

    private static Map<String, Object> queue(QueueView q) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", q.id().toString());
        json.put("project_id", q.projectId().toString());
        json.put("name", q.name());
        json.put("engine", q.engine());
        json.put("pending_count", q.pendingCount().orElse(null));
        json.put("last_seen_at", q.lastSeenAt());
        json.put("created_at", q.createdAt());
        return json;
    }

    /** Stored JSON text written as it is; null when absent. */
    private static RawValue raw(Optional<String> json) {
        return json.map(RawValue::new).orElse(null);
    }

    private static Refusal invalid(String field, String message) {
        return Refusal.invalid("invalid_" + field, message, Map.of("field", field));
    }
}
