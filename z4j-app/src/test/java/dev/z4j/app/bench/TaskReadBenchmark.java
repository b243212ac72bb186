package dev.z4j.app.bench;

import dev.z4j.adapter.jdbc.ingest.JdbcIngestStore;
import dev.z4j.adapter.jdbc.ingest.JdbcTaskReadStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.ingest.TaskChange;
import dev.z4j.ports.ingest.TaskDetail;
import dev.z4j.ports.ingest.TaskFilter;
import dev.z4j.ports.ingest.TaskReadStore.Position;
import dev.z4j.ports.ingest.TaskState;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.ingest.WorkerChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The read side on a large project (docs/performance.md, "Task reads"): N tasks spread over a week, in every state,
 * on 20 workers and 5 queues, then the queries the list, the detail pages and the export run, each timed many times.
 *
 * <pre>
 * bench/reads.sh [sqlite|postgresql] [tasks, 1000000]
 * </pre>
 */
public final class TaskReadBenchmark {

    private static final String[] STATES = {"success", "success", "success", "success", "failure", "started",
            "received", "retry", "revoked"};

    private TaskReadBenchmark() {
    }

    public static void main(String[] args) {
        String database = args.length > 0 ? args[0] : "sqlite";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        try (Database db = database.equals("sqlite") ? TestDatabases.sqlite() : TestDatabases.postgres()) {
            UUID project = UUID.randomUUID();
            Instant now = Instant.now();
            db.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                    + "VALUES (:id, 'bench', 'Bench', :active, :now, :now)").bind("id", project)
                    .bind("active", true).bind("now", now).execute());
            long loading = System.nanoTime();
            populate(db, project, count, now);
            System.out.printf(Locale.ROOT, "%s: %,d tasks stored in %.1f s%n", database, count,
                    (System.nanoTime() - loading) / 1e9);
            JdbcTaskReadStore store = new JdbcTaskReadStore(db);

            time("first page of 50, no filter", 200, () -> store.tasks(project, TaskFilter.all(), Optional.empty(), 50));
            List<TaskSummary> first = store.tasks(project, TaskFilter.all(), Optional.empty(), 50);
            Position[] at = {position(first)};
            time("next page of 50 (walking 1,000 pages deep)", 1000, () -> {
                List<TaskSummary> page = store.tasks(project, TaskFilter.all(), Optional.of(at[0]), 50);
                at[0] = position(page);
                return page;
            });
            time("first page of 50, state=failure", 200, () -> store.tasks(project,
                    TaskFilter.all().withStates(Set.of(TaskState.FAILURE)), Optional.empty(), 50));
            time("first page of 50, worker + queue", 200, () -> store.tasks(project,
                    TaskFilter.all().withWorker("w7@host").withQueue("q2"), Optional.empty(), 50));
            time("first page of 50, since/until one hour a day ago", 200, () -> store.tasks(project,
                    TaskFilter.all().withSince(now.minus(Duration.ofHours(25))).withUntil(now.minus(Duration.ofHours(24))),
                    Optional.empty(), 50));
            time("first page of 50, search (matches 1 in 10)", 50, () -> store.tasks(project,
                    TaskFilter.all().withSearch("JOB-7"), Optional.empty(), 50));
            time("search matching nothing (scans the project)", 5, () -> store.tasks(project,
                    TaskFilter.all().withSearch("nothing-like-this"), Optional.empty(), 50));
            time("task detail", 1000, () -> store.task(project, first.get(0).id()));
            time("workers with 24 h counts", 20, () -> store.workers(project, now.minus(Duration.ofHours(24))));
            time("stats, 24 h window", 20, () -> store.stats(project, Duration.ofHours(24), now));
            time("stats, 7 day window", 5, () -> store.stats(project, Duration.ofDays(7), now));

            long exporting = System.nanoTime();
            long exported = 0;
            Optional<Position> after = Optional.empty();
            while (true) {
                List<TaskDetail> page = store.taskDetails(project, TaskFilter.all(), after, 500);
                exported += page.size();
                if (page.size() < 500) {
                    break;
                }
                TaskSummary last = page.get(page.size() - 1).summary();
                after = Optional.of(new Position(last.firstSeenAt(), last.id()));
            }
            double seconds = (System.nanoTime() - exporting) / 1e9;
            System.out.printf(Locale.ROOT, "%-52s %,d tasks in %.1f s = %,.0f tasks/s%n", "export (pages of 500, details)",
                    exported, seconds, exported / seconds);
        }
    }

    private static Position position(List<TaskSummary> page) {
        TaskSummary last = page.get(page.size() - 1);
        return new Position(last.firstSeenAt(), last.id());
    }

    private static void populate(Database db, UUID project, int count, Instant now) {
        JdbcIngestStore ingest = new JdbcIngestStore(db);
        long weekMicros = Duration.ofDays(7).toNanos() / 1000;
        int chunk = 2000;
        for (int start = 0; start < count; start += chunk) {
            List<TaskChange> changes = new ArrayList<>(chunk);
            for (int i = start; i < Math.min(count, start + chunk); i++) {
                Instant seen = now.minusNanos(1000L * (long) (((double) i / count) * weekMicros));
                String state = STATES[i % STATES.length];
                int tier = state.equals("success") || state.equals("failure") || state.equals("revoked") ? 2 : 1;
                changes.add(new TaskChange(UUID.randomUUID(), project, "celery", "job-" + i, "app.tasks.job" + (i % 50),
                        "q" + (i % 5), null, null, tier, state, seen, 1, seen, "[" + i + ", \"x\"]", "{}",
                        null, i % 10 == 0 ? null : "job-" + (i - i % 10), null, seen, "w" + (i % 20) + "@host",
                        tier == 2 ? seen.plusMillis(40) : null, tier == 2 ? "{\"ok\": true}" : null, tier == 2 ? 40L : null,
                        null, null, state.equals("retry") ? 1 : 0, seen, seen));
            }
            db.inTransaction(() -> {
                ingest.upsertTasks(changes, now);
                return null;
            });
        }
        List<WorkerChange> workers = new ArrayList<>();
        for (int w = 0; w < 20; w++) {
            workers.add(new WorkerChange(UUID.randomUUID(), project, "celery", "w" + w + "@host", "online", now, null));
        }
        db.inTransaction(() -> {
            ingest.upsertWorkers(workers, now);
            return null;
        });
        if (db.dialect() == dev.z4j.adapter.jdbc.support.Dialect.POSTGRESQL) {
            db.write(h -> h.execute("ANALYZE tasks"));
        } else {
            db.write(h -> h.execute("ANALYZE"));
        }
    }

    private static void time(String what, int runs, Supplier<?> query) {
        query.get();
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-52s p50 %8.2f ms   p99 %8.2f ms   (%d runs)%n", what,
                nanos[runs / 2] / 1e6, nanos[Math.min(runs - 1, (int) (runs * 0.99))] / 1e6, runs);
    }
}
