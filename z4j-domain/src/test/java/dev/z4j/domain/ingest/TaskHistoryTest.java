package dev.z4j.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.ingest.Page;
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
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.support.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read service over a fake store: authorization first, keyset cursors, the limits it checks. */
class TaskHistoryTest {

    static final Instant NOW = Instant.parse("2026-05-13T10:00:00.123456Z");
    static final UUID PROJECT = UUID.randomUUID();
    static final Caller CALLER = Caller.of(new Principal.User(UUID.randomUUID(), false, UUID.randomUUID()), null, null);

    final List<Action> asked = new ArrayList<>();
    final List<TaskSummary> stored = new ArrayList<>();
    boolean member = true;

    final ProjectAccess access = new ProjectAccess() {
        @Override
        public Grant authorize(Caller caller, String slug, Action action) {
            asked.add(action);
            if (!member) {
                throw Refusal.notFound("not_found", "project '" + slug + "' not found");
            }
            return new Grant(new Project(PROJECT, ProjectSlug.parse(slug), "Ops", Optional.empty(), "production", "UTC",
                    30, true, NOW, NOW), Optional.empty(), EnumSet.of(action));
        }

        @Override
        public void require(Caller caller, Action action) {
        }

        @Override
        public Set<Action> permitted(Caller caller) {
            return Set.of();
        }
    };

    /** Newest first by (first seen, id), strictly after the position: what the SQL does. */
    final TaskReadStore store = new TaskReadStore() {
        @Override
        public List<TaskSummary> tasks(UUID projectId, TaskFilter filter, Optional<Position> after, int limit) {
            Comparator<TaskSummary> order = Comparator.comparing(TaskSummary::firstSeenAt).thenComparing(TaskSummary::id);
            return stored.stream().sorted(order.reversed())
                    .filter(t -> after.map(a -> order.compare(t, summary(a)) < 0).orElse(true))
                    .limit(limit).toList();
        }

        private TaskSummary summary(Position p) {
            return summaryOf("cursor", p.at(), p.id());
        }

        @Override
        public List<TaskDetail> taskDetails(UUID projectId, TaskFilter filter, Optional<Position> after, int limit) {
            return tasks(projectId, filter, after, limit).stream().map(t -> new TaskDetail(t, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).toList();
        }

        @Override
        public Optional<TaskDetail> task(UUID projectId, UUID id) {
            return Optional.empty();
        }

        @Override
        public List<TaskEvent> events(UUID projectId, long taskKey, String engine, String taskId,
                                      Optional<Position> after, int limit) {
            return List.of();
        }

        @Override
        public List<TaskTree.Node> tree(UUID projectId, UUID rootId, String rootTaskId, int limit) {
            return List.of();
        }

        @Override
        public List<WorkerView> workers(UUID projectId, Instant countsSince) {
            return List.of();
        }

        @Override
        public Optional<WorkerView> worker(UUID projectId, UUID workerId, Instant countsSince) {
            return Optional.empty();
        }

        @Override
        public List<QueueView> queues(UUID projectId) {
            return List.of();
        }

        @Override
        public ProjectStats stats(UUID projectId, Duration window, Instant now) {
            return new ProjectStats(window, now.minus(window), Map.of(), 0, 0, 0, 0, 0, 0, List.of());
        }
    };

    final TaskHistory history = new TaskHistory(store, access, Clock.fixed(NOW, ZoneOffset.UTC));

    static TaskSummary summaryOf(String taskId, Instant seen, UUID id) {
        return new TaskSummary(id, PROJECT, "celery", taskId, Optional.empty(), Optional.empty(), TaskState.PENDING,
                Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), seen, seen);
    }

    @Test
    void cursors_walk_every_task_once_with_microsecond_positions() {
        for (int i = 0; i < 23; i++) {
            stored.add(summaryOf("t" + i, NOW.minusNanos(1000L * (i / 4)), UUID.randomUUID()));
        }
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<TaskSummary> page = history.tasks(CALLER, "ops", TaskFilter.all(), cursor, 5);
            page.items().forEach(t -> seen.add(t.taskId()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        assertThat(asked).containsOnly(Action.TASKS_VIEW);
    }

    @Test
    void a_short_page_has_no_cursor() {
        stored.add(summaryOf("only", NOW, UUID.randomUUID()));

        assertThat(history.tasks(CALLER, "ops", TaskFilter.all(), Optional.empty(), 5).nextCursor()).isEmpty();
    }

    @Test
    void bad_cursor_limit_and_window_are_refused_naming_the_field() {
        assertThatThrownBy(() -> history.tasks(CALLER, "ops", TaskFilter.all(), Optional.of("garbage!"), 5))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.details()).containsEntry("field", "cursor"));
        assertThatThrownBy(() -> history.tasks(CALLER, "ops", TaskFilter.all(), Optional.empty(), 501))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.details()).containsEntry("field", "limit"));
        assertThatThrownBy(() -> history.stats(CALLER, "ops", Duration.ofHours(5)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.details()).containsEntry("field", "hours"));
        assertThat(history.stats(CALLER, "ops", Duration.ofHours(168)).since()).isEqualTo(NOW.minus(Duration.ofDays(7)));
    }

    @Test
    void every_read_asks_the_access_policy_first() {
        member = false;

        assertThatThrownBy(() -> history.tasks(CALLER, "ops", TaskFilter.all(), Optional.of("garbage!"), 5))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThatThrownBy(() -> history.export(CALLER, "ops", TaskFilter.all(), t -> { }))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> history.workers(CALLER, "ops")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> history.queues(CALLER, "ops")).isInstanceOf(Refusal.class);
        assertThat(asked).containsExactly(Action.TASKS_VIEW, Action.TASKS_VIEW, Action.ENGINE_VIEW, Action.ENGINE_VIEW);
    }

    @Test
    void an_export_reads_page_after_page_until_the_end() {
        for (int i = 0; i < TaskHistory.EXPORT_PAGE * 2 + 7; i++) {
            stored.add(summaryOf("t" + i, NOW.minusSeconds(i), UUID.randomUUID()));
        }
        List<String> exported = new ArrayList<>();

        history.export(CALLER, "ops", TaskFilter.all(), t -> exported.add(t.summary().taskId()));

        assertThat(exported).hasSize(TaskHistory.EXPORT_PAGE * 2 + 7).doesNotHaveDuplicates().startsWith("t0");
    }

    @Test
    void an_unknown_task_is_not_found() {
        assertThatThrownBy(() -> history.task(CALLER, "ops", "celery", "nope"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("task_not_found"));
        assertThatThrownBy(() -> history.tree(CALLER, "ops", "celery", "nope")).isInstanceOf(Refusal.class);
    }
}
