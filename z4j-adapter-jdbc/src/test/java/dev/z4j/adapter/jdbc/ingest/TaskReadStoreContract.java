package dev.z4j.adapter.jdbc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.ingest.EventRow;
import dev.z4j.ports.ingest.ProjectStats;
import dev.z4j.ports.ingest.QueueChange;
import dev.z4j.ports.ingest.TaskChange;
import dev.z4j.ports.ingest.TaskDetail;
import dev.z4j.ports.ingest.TaskEvent;
import dev.z4j.ports.ingest.TaskFilter;
import dev.z4j.ports.ingest.TaskReadStore.Position;
import dev.z4j.ports.ingest.TaskState;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.ingest.TaskTree;
import dev.z4j.ports.ingest.WorkerChange;
import dev.z4j.ports.ingest.WorkerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code TaskReadStore} out-port on each database: filters, keyset pages, trees, counts and windows. */
abstract class TaskReadStoreContract {

    static final Instant NOW = Instant.parse("2026-05-13T10:00:00.000001Z");

    Database database;
    JdbcIngestStore ingest;
    JdbcTaskReadStore store;
    UUID project;
    UUID other;
    UUID agent;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        ingest = new JdbcIngestStore(database);
        store = new JdbcTaskReadStore(database);
        project = project("alpha");
        other = project("beta");
        agent = UUID.randomUUID();
        database.write(h -> h.createUpdate("INSERT INTO agents (id, project_id, name, state, created_at) "
                        + "VALUES (:id, :project, 'a', 'online', :now)")
                .bind("id", agent).bind("project", project).bind("now", NOW).execute());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private UUID project(String slug) {
        UUID id = UUID.randomUUID();
        database.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                        + "VALUES (:id, :slug, 'P', :active, :now, :now)")
                .bind("id", id).bind("slug", slug).bind("active", true).bind("now", NOW).execute());
        return id;
    }

    /** A task as ingestion stores it; builder-style fields, everything else unknown. */
    final class Task {
        UUID id = UUID.randomUUID();
        UUID projectId = project;
        String taskId;
        String name = "app.tasks.add";
        String queue = "default";
        String worker;
        String state;
        int tier;
        Instant seen;
        Instant finished;
        String args;
        String parent;
        String root;
        int retries;

        Task(String taskId, Instant seen) {
            this.taskId = taskId;
            this.seen = seen;
        }

        Task state(String newState) {
            state = newState;
            tier = TaskState.fromWire(newState).orElseThrow().terminal() ? 2 : 1;
            if (tier == 2 && finished == null) {
                finished = seen;
            }
            return this;
        }

        TaskChange change() {
            return new TaskChange(id, projectId, "celery", taskId, name, queue, null, null, tier, state,
                    state == null ? null : seen, 1, seen, args, null, parent, root, null, worker == null ? null : seen,
                    worker, tier == 2 ? finished : null, null, null, null, null, retries, seen, seen);
        }
    }

    void store(Task... tasks) {
        List<TaskChange> changes = new ArrayList<>();
        for (Task t : tasks) {
            changes.add(t.change());
        }
        database.inTransaction(() -> {
            ingest.upsertTasks(changes, NOW);
            return null;
        });
    }

    List<String> ids(List<TaskSummary> tasks) {
        return tasks.stream().map(TaskSummary::taskId).toList();
    }

    List<String> list(TaskFilter filter) {
        return ids(store.tasks(project, filter, Optional.empty(), 500));
    }

    @Test
    void tasks_are_listed_newest_first_and_only_the_projects_own() {
        Task a = new Task("a", NOW.minusSeconds(30));
        Task b = new Task("b", NOW.minusSeconds(20));
        Task c = new Task("c", NOW.minusSeconds(10));
        Task foreign = new Task("x", NOW);
        foreign.projectId = other;
        store(a, b, c, foreign);

        assertThat(list(TaskFilter.all())).containsExactly("c", "b", "a");
    }

    @Test
    void each_filter_narrows_the_list() {
        Task a = new Task("a-1", NOW.minusSeconds(50)).state("success");
        a.name = "billing.Charge";
        a.worker = "w1@host";
        Task b = new Task("b-2", NOW.minusSeconds(40)).state("failure");
        b.name = "billing.refund";
        b.queue = "slow";
        b.worker = "w2@host";
        Task c = new Task("c-3", NOW.minusSeconds(30)).state("started");
        c.name = "mail.send";
        c.worker = "w1@host";
        Task d = new Task("d_4", NOW.minusSeconds(20));
        d.name = "mail.digest";
        store(a, b, c, d);

        assertThat(list(TaskFilter.all().withStates(Set.of(TaskState.SUCCESS, TaskState.FAILURE))))
                .containsExactly("b-2", "a-1");
        assertThat(list(TaskFilter.all().withStates(Set.of(TaskState.PENDING)))).containsExactly("d_4");
        assertThat(list(TaskFilter.all().withName("billing."))).containsExactly("b-2", "a-1");
        assertThat(list(TaskFilter.all().withName("charge"))).as("name is case-sensitive").isEmpty();
        assertThat(list(TaskFilter.all().withQueue("slow"))).containsExactly("b-2");
        assertThat(list(TaskFilter.all().withWorker("w1@host"))).containsExactly("c-3", "a-1");
        assertThat(list(TaskFilter.all().withSearch("CHARGE"))).as("search ignores case").containsExactly("a-1");
        assertThat(list(TaskFilter.all().withSearch("W2@"))).as("search covers workers").containsExactly("b-2");
        assertThat(list(TaskFilter.all().withSearch("SLOW"))).as("search covers queues").containsExactly("b-2");
        assertThat(list(TaskFilter.all().withSearch("c-3"))).as("search covers task ids").containsExactly("c-3");
        assertThat(list(TaskFilter.all().withSearch("_"))).as("LIKE wildcards are literal").containsExactly("d_4");
        assertThat(list(TaskFilter.all().withSince(NOW.minusSeconds(40)).withUntil(NOW.minusSeconds(20))))
                .as("since inclusive, until exclusive").containsExactly("c-3", "b-2");
        assertThat(list(TaskFilter.all().withWorker("w1@host").withStates(Set.of(TaskState.SUCCESS))))
                .containsExactly("a-1");
    }

    @Test
    void unicode_is_kept_and_matched() {
        Task t = new Task("tâche-☃", NOW);
        t.name = "tâches.envoyer_✉️";
        t.args = "[\"é☃\", \"😀\"]";
        store(t);

        assertThat(list(TaskFilter.all().withName("envoyer_✉️"))).containsExactly("tâche-☃");
        assertThat(list(TaskFilter.all().withSearch("☃"))).containsExactly("tâche-☃");
        TaskDetail detail = store.task(project, t.id).orElseThrow();
        assertThat(detail.summary().name()).contains("tâches.envoyer_✉️");
        assertThat(detail.argsJson().orElseThrow()).contains("é☃").contains("😀");
    }

    @Test
    void pages_neither_skip_nor_repeat_while_tasks_arrive() {
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 45; i++) {
            // several tasks share an instant, so the id breaks ties
            store(new Task("old-" + i, NOW.minusSeconds(1000 - (i / 3))));
            before.add("old-" + i);
        }
        List<String> seen = new ArrayList<>();
        Optional<Position> after = Optional.empty();
        int arrivals = 0;
        while (true) {
            List<TaskSummary> page = store.tasks(project, TaskFilter.all(), after, 10);
            seen.addAll(ids(page));
            // between two pages: new tasks arrive now, and late ones from before the page boundary
            store(new Task("new-" + arrivals, NOW.plusSeconds(arrivals)),
                    new Task("late-" + arrivals, NOW.minusSeconds(2000)));
            arrivals++;
            if (page.size() < 10) {
                break;
            }
            TaskSummary last = page.get(page.size() - 1);
            after = Optional.of(new Position(last.firstSeenAt(), last.id()));
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(id -> id.startsWith("old-")).toList()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(seen).noneMatch(id -> id.startsWith("new-"));
    }

    @Test
    void pages_neither_skip_nor_repeat_while_a_writer_inserts_concurrently() throws Exception {
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 300; i += 50) {
            List<Task> chunk = new ArrayList<>();
            for (int j = i; j < i + 50; j++) {
                chunk.add(new Task("old-" + j, NOW.minusMillis(100_000 - j)));
                before.add("old-" + j);
            }
            store(chunk.toArray(Task[]::new));
        }
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int n = 0; reading.get(); n++) {
                // new tasks on top, and late ones anywhere below
                store(new Task("new-" + n, NOW.plusMillis(n)), new Task("late-" + n, NOW.minusMillis(200_000 - n)));
                written.incrementAndGet();
            }
        });
        writer.start();
        List<String> seen = new ArrayList<>();
        try {
            Optional<Position> after = Optional.empty();
            while (true) {
                List<TaskSummary> page = store.tasks(project, TaskFilter.all(), after, 7);
                page.stream().map(TaskSummary::taskId).filter(id -> id.startsWith("old-")).forEach(seen::add);
                if (page.size() < 7) {
                    break;
                }
                TaskSummary last = page.get(page.size() - 1);
                after = Optional.of(new Position(last.firstSeenAt(), last.id()));
            }
        } finally {
            reading.set(false);
            writer.join();
        }

        assertThat(written.get()).as("the writer ran during the reads").isPositive();
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void a_task_is_found_only_in_its_project_with_its_details() {
        Task t = new Task("t", NOW).state("failure");
        t.args = "[1, 2]";
        store(t);

        assertThat(store.task(project, t.id)).get().satisfies(d -> {
            assertThat(d.summary().state()).isEqualTo(TaskState.FAILURE);
            assertThat(d.summary().finishedAt()).contains(NOW);
            assertThat(d.argsJson().orElseThrow().replace(" ", "")).isEqualTo("[1,2]");
        });
        assertThat(store.task(other, t.id)).isEmpty();
    }

    @Test
    void a_tree_holds_the_root_and_every_task_under_it() {
        Task root = new Task("root", NOW.minusSeconds(10));
        Task child = new Task("child", NOW.minusSeconds(9));
        child.parent = "root";
        child.root = "root";
        Task grandchild = new Task("grandchild", NOW.minusSeconds(8)).state("success");
        grandchild.parent = "child";
        grandchild.root = "root";
        Task unrelated = new Task("elsewhere", NOW.minusSeconds(7));
        unrelated.root = "another";
        store(root, child, grandchild, unrelated);

        List<TaskTree.Node> nodes = store.tree(project, root.id, "root", 501);
        assertThat(nodes).extracting(TaskTree.Node::taskId).containsExactly("root", "child", "grandchild");
        assertThat(nodes.get(2).parentTaskId()).contains("child");
        assertThat(nodes.get(2).state()).isEqualTo(TaskState.SUCCESS);
        assertThat(store.tree(project, root.id, "root", 2)).hasSize(2);
        assertThat(store.tree(other, root.id, "root", 501)).isEmpty();
    }

    @Test
    void workers_count_what_finished_on_them_in_the_last_24_hours() {
        UUID w1 = UUID.randomUUID();
        UUID w2 = UUID.randomUUID();
        database.inTransaction(() -> {
            ingest.upsertWorkers(List.of(
                    new WorkerChange(w1, project, "celery", "w1@host", "online", NOW.minusSeconds(5), null),
                    new WorkerChange(w2, project, "celery", "w2@host", "offline", NOW.minusSeconds(60), null)), NOW);
            return null;
        });
        Task ok1 = new Task("ok1", NOW.minusSeconds(3600)).state("success");
        Task ok2 = new Task("ok2", NOW.minusSeconds(1800)).state("success");
        Task bad = new Task("bad", NOW.minusSeconds(600)).state("failure");
        bad.retries = 2;
        Task old = new Task("old", NOW.minus(Duration.ofHours(25))).state("success");
        Task running = new Task("running", NOW.minusSeconds(60)).state("started");
        for (Task t : List.of(ok1, ok2, bad, old, running)) {
            t.worker = "w1@host";
        }
        store(ok1, ok2, bad, old, running);

        List<WorkerView> workers = store.workers(project, NOW.minus(Duration.ofHours(24)));
        assertThat(workers).extracting(WorkerView::name).containsExactly("w1@host", "w2@host");
        WorkerView first = workers.get(0);
        assertThat(first.succeeded()).isEqualTo(2);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.retried()).isEqualTo(2);
        assertThat(first.processed()).isEqualTo(3);
        assertThat(first.metadataJson()).isEmpty();
        assertThat(workers.get(1).processed()).isZero();
        assertThat(store.worker(project, w1, NOW.minus(Duration.ofHours(24)))).get()
                .satisfies(w -> assertThat(w.metadataJson()).isPresent());
        assertThat(store.worker(other, w1, NOW)).isEmpty();
    }

    @Test
    void stats_count_the_window_only() {
        store(new Task("s1", NOW.minusSeconds(100)).state("success"),
                new Task("f1", NOW.minusSeconds(200)).state("failure"),
                new Task("p1", NOW.minusSeconds(300)),
                new Task("s-old", NOW.minus(Duration.ofHours(2))).state("success"));
        database.inTransaction(() -> {
            ingest.upsertQueues(List.of(new QueueChange(UUID.randomUUID(), project, "celery", "default", NOW, 12L)), NOW);
            ingest.upsertWorkers(List.of(new WorkerChange(UUID.randomUUID(), project, "celery", "w", "online", NOW,
                    null)), NOW);
            return null;
        });

        ProjectStats hour = store.stats(project, Duration.ofHours(1), NOW);
        assertThat(hour.tasksByState()).containsEntry(TaskState.SUCCESS, 1L).containsEntry(TaskState.FAILURE, 1L)
                .containsEntry(TaskState.PENDING, 1L).containsEntry(TaskState.RETRY, 0L);
        assertThat(hour.tasksTotal()).isEqualTo(3);
        assertThat(hour.succeeded()).isEqualTo(1);
        assertThat(hour.failed()).isEqualTo(1);
        assertThat(hour.failureRate()).isEqualTo(0.5);
        assertThat(hour.workersOnline()).isEqualTo(1);
        assertThat(hour.agentsOnline()).isEqualTo(1);
        assertThat(hour.queues()).singleElement().satisfies(q -> assertThat(q.pendingCount()).contains(12L));
        assertThat(store.stats(project, Duration.ofHours(6), NOW).succeeded()).isEqualTo(2);
        assertThat(store.stats(other, Duration.ofHours(6), NOW).tasksTotal()).isZero();
    }

    @Test
    void a_tasks_events_come_newest_first_in_pages() {
        long key = 4242L;
        List<EventRow> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(new EventRow(UUID.randomUUID(), project, agent, "celery", "t-1", key, "task.kind" + i,
                    NOW.plusSeconds(i / 2), "{\"n\":" + i + ",\"s\":\"☃\"}"));
        }
        rows.add(new EventRow(UUID.randomUUID(), project, agent, "celery", "t-2", key, "task.other", NOW, "{}"));
        database.inTransaction(() -> ingest.insertEvents(rows));

        List<TaskEvent> first = store.events(project, key, "celery", "t-1", Optional.empty(), 4);
        TaskEvent last = first.get(3);
        List<TaskEvent> second = store.events(project, key, "celery", "t-1",
                Optional.of(new Position(last.occurredAt(), last.id())), 4);

        List<TaskEvent> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).hasSize(7).extracting(TaskEvent::id).doesNotHaveDuplicates();
        assertThat(all).extracting(TaskEvent::occurredAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all.get(0).payloadJson()).contains("☃");
        assertThat(store.events(other, key, "celery", "t-1", Optional.empty(), 10)).isEmpty();
    }
}
