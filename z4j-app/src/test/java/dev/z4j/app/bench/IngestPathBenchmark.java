package dev.z4j.app.bench;

import dev.z4j.adapter.jdbc.ingest.JdbcIngestStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.app.system.LocalChangeFeed;
import dev.z4j.domain.ingest.EventIngestor;
import dev.z4j.domain.ingest.IngestLimits;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.IngestCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The brain's side of ingestion without the network (docs/performance.md, "Ingest"): the real service (preparation,
 * group commit) on the real store, fed by submitting threads as the gateway's dispatch threads feed it. Separates
 * what the database and the service cost from what the WebSocket client and frame verification cost.
 *
 * <pre>
 * bench/ingest.sh path [sqlite|postgresql] [seconds] [batch size]
 * </pre>
 */
public final class IngestPathBenchmark {

    private IngestPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "sqlite";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        try (Database db = database.equals("sqlite") ? TestDatabases.sqlite() : TestDatabases.postgres()) {
            UUID project = UUID.randomUUID();
            db.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                    + "VALUES (:id, 'bench', 'Bench', :active, :now, :now)").bind("id", project)
                    .bind("active", true).bind("now", Instant.now()).execute());
            EventIngestor ingestion = new EventIngestor(new JdbcIngestStore(db), db, new LocalChangeFeed(),
                    Clock.systemUTC(), IngestLimits.defaults(0));
            UUID agent = UUID.randomUUID();
            int submitters = 2;
            ExecutorService pool = Executors.newFixedThreadPool(submitters);
            Semaphore window = new Semaphore(160);
            long[] events = new long[1];
            long start = System.nanoTime();
            long deadline = start + seconds * 1_000_000_000L;
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            Lifecycles lifecycles = new Lifecycles();
            while (System.nanoTime() < deadline) {
                window.acquire();
                List<Map<String, Object>> list = lifecycles.next(batch);
                EventBatch b = new EventBatch(project, agent, Optional.empty(), "ev", list);
                CompletableFuture<Void> done = CompletableFuture.supplyAsync(() -> ingestion.submit(b), pool)
                        .thenCompose(f -> f).thenAccept((IngestCounts c) -> {
                            synchronized (events) {
                                events[0] += c.accepted();
                            }
                            window.release();
                        });
                inFlight.add(done);
                if (inFlight.size() > 10_000) {
                    inFlight.removeIf(CompletableFuture::isDone);
                }
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            double elapsed = (System.nanoTime() - start) / 1e9;
            long committed;
            synchronized (events) {
                committed = events[0];
            }
            System.out.printf(Locale.ROOT, "%s batch %d: %.0f events/s through preparation and commit (%d events in "
                    + "%.1f s, JIT warm-up included, %d submitting threads)%n", database, batch, committed / elapsed,
                    committed, elapsed, submitters);
            pool.shutdown();
            ingestion.close();
        }
    }

    /** Task lifecycles as Celery's mapper shapes them. */
    static final class Lifecycles {
        private final List<Map<String, Object>> pending = new ArrayList<>();
        private long tasks;

        List<Map<String, Object>> next(int size) {
            while (pending.size() < size) {
                lifecycle();
            }
            List<Map<String, Object>> out = new ArrayList<>(pending.subList(0, size));
            pending.subList(0, size).clear();
            return out;
        }

        private void lifecycle() {
            String taskId = UUID.randomUUID().toString();
            long order = ++tasks;
            Instant now = Instant.now();
            pending.add(event("task.received", taskId, now.minusMillis(30), data("args", List.of(order, "sku-1234"),
                    "kwargs", Map.of("priority", "normal", "retries", 3L))));
            pending.add(event("task.started", taskId, now.minusMillis(20), data()));
            pending.add(event("task.succeeded", taskId, now, data("result", Map.of("status", "ok", "items", 3L),
                    "runtime", 0.0213)));
        }

        private static Map<String, Object> data(Object... pairs) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("task_name", "shop.tasks.process_order");
            data.put("queue", "orders");
            data.put("worker", "celery@worker-3.shop.internal");
            data.put("priority", "normal");
            for (int i = 0; i < pairs.length; i += 2) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
            return data;
        }

        private static Map<String, Object> event(String kind, String taskId, Instant at, Map<String, Object> data) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", UUID.randomUUID().toString());
            event.put("kind", kind);
            event.put("engine", "celery");
            event.put("task_id", taskId);
            event.put("occurred_at", at.toString().replace("Z", "+00:00"));
            event.put("data", data);
            return event;
        }
    }
}
