package dev.z4j.domain.ingest;

import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.ingest.Page;
import dev.z4j.ports.ingest.ProjectStats;
import dev.z4j.ports.ingest.QueueView;
import dev.z4j.ports.ingest.TaskDetail;
import dev.z4j.ports.ingest.TaskEvent;
import dev.z4j.ports.ingest.TaskFilter;
import dev.z4j.ports.ingest.TaskQueries;
import dev.z4j.ports.ingest.TaskReadStore;
import dev.z4j.ports.ingest.TaskReadStore.Position;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.ingest.TaskTree;
import dev.z4j.ports.ingest.WorkerView;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.support.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The read side of ingestion: authorizes through the one access policy (task history needs {@code TASKS_VIEW},
 * workers and queues {@code ENGINE_VIEW}: viewers and up, and the project's agents), then reads one page. Cursors are
 * the position of a page's last item (its sort time in microseconds and its id), base64url-encoded.
 */
public final class TaskHistory implements TaskQueries {

    static final int EXPORT_PAGE = 500;
    static final Duration WORKER_COUNTS_WINDOW = Duration.ofHours(24);

    private final TaskReadStore store;
    private final ProjectAccess access;
    private final Clock clock;

    public TaskHistory(TaskReadStore store, ProjectAccess access, Clock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public Page<TaskSummary> tasks(Caller caller, String projectSlug, TaskFilter filter, Optional<String> cursor,
                                   int limit) {
        UUID project = project(caller, projectSlug, Action.TASKS_VIEW);
        checkLimit(limit);
        List<TaskSummary> items = store.tasks(project, filter, cursor.map(TaskHistory::decode), limit);
        return page(items, limit, t -> new Position(t.firstSeenAt(), t.id()));
    }

    @Override
    public void export(Caller caller, String projectSlug, TaskFilter filter, Consumer<TaskDetail> sink) {
        UUID project = project(caller, projectSlug, Action.TASKS_VIEW);
        Optional<Position> after = Optional.empty();
        while (true) {
            List<TaskDetail> page = store.taskDetails(project, filter, after, EXPORT_PAGE);
            page.forEach(sink);
            if (page.size() < EXPORT_PAGE) {
                return;
            }
            TaskSummary last = page.get(page.size() - 1).summary();
            after = Optional.of(new Position(last.firstSeenAt(), last.id()));
        }
    }

    @Override
    public TaskDetail task(Caller caller, String projectSlug, String engine, String taskId) {
        UUID project = project(caller, projectSlug, Action.TASKS_VIEW);
        return store.task(project, IngestIds.task(project, engine, taskId)).orElseThrow(TaskHistory::taskNotFound);
    }

    @Override
    public Page<TaskEvent> events(Caller caller, String projectSlug, String engine, String taskId,
                                  Optional<String> cursor, int limit) {
        UUID project = project(caller, projectSlug, Action.TASKS_VIEW);
        if (engine.isEmpty()) {
            throw invalid("engine", "engine is required");
        }
        if (taskId.isEmpty()) {
            throw invalid("task_id", "task_id is required");
        }
        checkLimit(limit);
        long key = IngestIds.taskKey(IngestIds.task(project, engine, taskId));
        List<TaskEvent> items = store.events(project, key, engine, taskId, cursor.map(TaskHistory::decode), limit);
        return page(items, limit, e -> new Position(e.occurredAt(), e.id()));
    }

    @Override
    public TaskTree tree(Caller caller, String projectSlug, String engine, String taskId) {
        UUID project = project(caller, projectSlug, Action.TASKS_VIEW);
        TaskSummary task = store.task(project, IngestIds.task(project, engine, taskId))
                .orElseThrow(TaskHistory::taskNotFound).summary();
        String root = task.rootTaskId().orElse(task.taskId());
        List<TaskTree.Node> nodes = store.tree(project, IngestIds.task(project, engine, root), root,
                TaskTree.MAX_NODES + 1);
        boolean truncated = nodes.size() > TaskTree.MAX_NODES;
        return new TaskTree(root, truncated ? nodes.subList(0, TaskTree.MAX_NODES) : nodes, truncated);
    }

    @Override
    public List<WorkerView> workers(Caller caller, String projectSlug) {
        UUID project = project(caller, projectSlug, Action.ENGINE_VIEW);
        return store.workers(project, clock.instant().minus(WORKER_COUNTS_WINDOW));
    }

    @Override
    public WorkerView worker(Caller caller, String projectSlug, UUID workerId) {
        UUID project = project(caller, projectSlug, Action.ENGINE_VIEW);
        return store.worker(project, workerId, clock.instant().minus(WORKER_COUNTS_WINDOW))
                .orElseThrow(() -> Refusal.notFound("worker_not_found", "worker not found"));
    }

    @Override
    public List<QueueView> queues(Caller caller, String projectSlug) {
        return store.queues(project(caller, projectSlug, Action.ENGINE_VIEW));
    }

    @Override
    public ProjectStats stats(Caller caller, String projectSlug, Duration window) {
        UUID project = project(caller, projectSlug, Action.TASKS_VIEW);
        if (window.toMinutesPart() != 0 || window.toSecondsPart() != 0 || window.toNanosPart() != 0
                || !STATS_HOURS.contains((int) Math.min(Integer.MAX_VALUE, window.toHours()))) {
            throw invalid("hours", "hours must be one of " + STATS_HOURS);
        }
        return store.stats(project, window, clock.instant());
    }

    private UUID project(Caller caller, String projectSlug, Action action) {
        return access.authorize(caller, projectSlug, action).project().id();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
    }

    /** A full page may have a successor: its cursor is the last item's position. */
    private static <T> Page<T> page(List<T> items, int limit, Function<T, Position> position) {
        if (items.size() < limit) {
            return new Page<>(items, Optional.empty());
        }
        return new Page<>(items, Optional.of(encode(position.apply(items.get(items.size() - 1)))));
    }

    static String encode(Position position) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.at());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + position.id()).getBytes(StandardCharsets.US_ASCII));
    }

    static Position decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            return new Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw invalid("cursor", "cursor is not a next_cursor this list issued; start again without it");
        }
    }

    private static Refusal taskNotFound() {
        return Refusal.notFound("task_not_found", "task not found");
    }

    private static Refusal invalid(String field, String message) {
        return Refusal.invalid("invalid_" + field, message, Map.of("field", field));
    }
}
