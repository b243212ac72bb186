package dev.z4j.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.ingest.JdbcIngestStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.app.system.LocalChangeFeed;
import dev.z4j.domain.ingest.EventIngestor;
import dev.z4j.domain.ingest.IngestLimits;
import dev.z4j.domain.ingest.RetentionSweep;
import dev.z4j.ports.ingest.AgentStatusReport;
import dev.z4j.ports.ingest.EngineHealth;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.IngestCounts;
import dev.z4j.ports.system.ChangeFeed;
import dev.z4j.ports.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingestion end to end below the gateway: the real service (preparation, redaction, group commit, merge rule) on
 * the real store, on each database. What the tasks, events, workers and queues tables hold afterwards is read with
 * plain SQL.
 */
abstract class IngestionContract {

    static final Instant NOW = Instant.parse("2026-05-13T10:00:00Z");

    Database database;
    EventIngestor ingestion;
    UUID project;
    UUID agent;
    UUID otherAgent;
    final List<ChangeFeed.Topic> published = new CopyOnWriteArrayList<>();

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        project = UUID.randomUUID();
        agent = UUID.randomUUID();
        otherAgent = UUID.randomUUID();
        database.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                        + "VALUES (:id, 'shop', 'Shop', :active, :now, :now)")
                .bind("id", project).bind("active", true).bind("now", NOW).execute());
        for (UUID id : List.of(agent, otherAgent)) {
            database.write(h -> h.createUpdate("INSERT INTO agents (id, project_id, name, created_at) "
                    + "VALUES (:id, :project, :name, :now)").bind("id", id).bind("project", project)
                    .bind("name", id.toString()).bind("now", NOW).execute());
        }
        LocalChangeFeed feed = new LocalChangeFeed();
        feed.subscribe(project, published::add);
        ingestion = new EventIngestor(new JdbcIngestStore(database), database, feed,
                Clock.fixed(NOW, ZoneOffset.UTC), IngestLimits.defaults(0));
    }

    @AfterEach
    void tearDown() {
        ingestion.close();
        database.close();
    }

    static Map<String, Object> event(String kind, String taskId, Instant at, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("kind", kind);
        event.put("engine", "celery");
        event.put("task_id", taskId);
        event.put("occurred_at", at.toString().replace("Z", "+00:00"));
        event.put("data", data);
        return event;
    }

    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }

    IngestCounts ingest(UUID from, List<Map<String, Object>> events) {
        return ingestion.ingest(new EventBatch(project, from, Optional.of("w1"), "ev_" + UUID.randomUUID(), events));
    }

    Map<String, Object> task(String taskId) {
        return database.read(h -> h.createQuery("SELECT state, name, queue, CAST(args AS TEXT) AS args, "
                        + "CAST(kwargs AS TEXT) AS kwargs, CAST(result AS TEXT) AS result, exception, traceback, "
                        + "worker_name, runtime_ms, retry_count, parent_task_id, root_task_id, "
                        + "CAST(received_at AS TEXT) AS received_at, CAST(started_at AS TEXT) AS started_at, "
                        + "CAST(finished_at AS TEXT) AS finished_at FROM tasks WHERE project_id = :p AND task_id = :t")
                .bind("p", project).bind("t", taskId).mapToMap().one());
    }

    long count(String sql) {
        Long n = database.read(h -> h.createQuery(sql).bind("p", project).mapTo(Long.class).one());
        return n;
    }

    static String compact(Object json) {
        return json == null ? null : json.toString().replace(" ", "");
    }

    List<Map<String, Object>> lifecycle(String taskId) {
        return List.of(
                event("task.received", taskId, NOW.minusSeconds(3), data("task_name", "shop.charge", "queue", "default",
                        "args", List.of(1L, 2L), "kwargs", Map.of("amount", 5L), "worker", "w1@host")),
                event("task.started", taskId, NOW.minusSeconds(2), data("task_name", "shop.charge", "worker", "w1@host")),
                event("task.succeeded", taskId, NOW.minusSeconds(1), data("task_name", "shop.charge", "result", 3L,
                        "runtime", 0.25, "worker", "w1@host")));
    }

    @Test
    void a_lifecycle_becomes_one_task_with_every_field_and_three_events() {
        IngestCounts counts = ingest(agent, lifecycle("t-1"));

        assertThat(counts).isEqualTo(new IngestCounts(3, 3, 0));
        Map<String, Object> task = task("t-1");
        assertThat(task).containsEntry("state", "success").containsEntry("name", "shop.charge")
                .containsEntry("queue", "default").containsEntry("worker_name", "w1@host");
        assertThat(compact(task.get("args"))).isEqualTo("[1,2]");
        assertThat(compact(task.get("kwargs"))).isEqualTo("{\"amount\":5}");
        assertThat(compact(task.get("result"))).isEqualTo("3");
        assertThat(((Number) task.get("runtime_ms")).longValue()).isEqualTo(250);
        assertThat(task.get("received_at")).isNotNull();
        assertThat(task.get("started_at")).isNotNull();
        assertThat(task.get("finished_at")).isNotNull();
        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM workers WHERE project_id = :p")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM queues WHERE project_id = :p")).isEqualTo(1);
        Await.until("the change is published after the commit", Duration.ofSeconds(10),
                () -> published.contains(ChangeFeed.Topic.TASK_CHANGED));
    }

    @Test
    void a_failure_keeps_its_exception_and_traceback() {
        ingest(agent, List.of(event("task.failed", "t-2", NOW.minusSeconds(1), data("task_name", "shop.refund",
                "exception", "ValueError", "exception_message", "bad amount", "traceback", "Traceback...\nValueError"))));

        assertThat(task("t-2")).containsEntry("state", "failure").containsEntry("exception", "ValueError: bad amount")
                .containsEntry("traceback", "Traceback...\nValueError");
    }

    @Test
    void a_re_sent_batch_adds_no_rows_and_is_acknowledged_as_duplicates() {
        List<Map<String, Object>> events = lifecycle("t-1");
        ingest(agent, events);

        IngestCounts again = ingest(agent, events);

        assertThat(again).isEqualTo(new IngestCounts(3, 0, 3));
        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM tasks WHERE project_id = :p")).isEqualTo(1);
        assertThat(task("t-1")).containsEntry("state", "success");
    }

    @Test
    void several_agents_reporting_the_same_task_events_store_each_event_once() {
        List<Map<String, Object>> fromOne = lifecycle("t-1");
        List<Map<String, Object>> fromOther = new ArrayList<>();
        for (Map<String, Object> e : fromOne) {
            Map<String, Object> copy = new LinkedHashMap<>(e);
            copy.put("id", UUID.randomUUID().toString());
            fromOther.add(copy);
        }

        IngestCounts first = ingest(agent, fromOne);
        IngestCounts second = ingest(otherAgent, fromOther);

        assertThat(first.accepted() + second.accepted()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p")).isEqualTo(3);
        assertThat(task("t-1")).containsEntry("state", "success");
    }

    @Test
    void out_of_order_events_keep_the_newest_state_and_fill_in_what_earlier_ones_carry() {
        List<Map<String, Object>> life = lifecycle("t-3");

        ingest(agent, List.of(life.get(2)));
        ingest(agent, List.of(life.get(1)));
        ingest(agent, List.of(life.get(0)));

        Map<String, Object> task = task("t-3");
        assertThat(task).containsEntry("state", "success").containsEntry("queue", "default");
        assertThat(compact(task.get("args"))).isEqualTo("[1,2]");
        assertThat(task.get("started_at")).isNotNull();
        assertThat(compact(task.get("result"))).isEqualTo("3");
    }

    @Test
    void a_terminal_state_is_never_demoted_by_a_later_non_terminal_event() {
        ingest(agent, List.of(event("task.revoked", "t-4", NOW.minusSeconds(5), data("terminated", true))));

        ingest(agent, List.of(event("task.started", "t-4", NOW.minusSeconds(1), data("worker", "w2@host"))));

        assertThat(task("t-4")).containsEntry("state", "revoked").containsEntry("worker_name", "w2@host");
    }

    @Test
    void a_stale_start_in_the_same_commit_does_not_regress_a_success() {
        List<Map<String, Object>> life = lifecycle("t-5");

        IngestCounts counts = ingest(agent, List.of(life.get(2), life.get(1), life.get(0)));

        assertThat(counts.accepted()).isEqualTo(3);
        assertThat(task("t-5")).containsEntry("state", "success");
    }

    @Test
    void a_near_future_stamp_cannot_lock_the_state() {
        ingest(agent, List.of(event("task.started", "t-6", NOW.plusSeconds(50), data())));

        ingest(agent, List.of(event("task.retried", "t-6", NOW.plusMillis(1), data("reason", "again"))));

        Map<String, Object> task = task("t-6");
        assertThat(task).containsEntry("state", "retry");
        assertThat(((Number) task.get("retry_count")).intValue()).isEqualTo(1);
    }

    @Test
    void times_far_in_the_past_or_future_are_replaced_by_the_time_of_receipt() {
        ingest(agent, List.of(event("worker.online", "", NOW.plus(Duration.ofDays(2)), data("worker", "w9")),
                event("worker.heartbeat", "", NOW.minus(Duration.ofDays(500)), data("worker", "w9"))));

        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p AND occurred_at = "
                + (database.dialect() == dev.z4j.adapter.jdbc.support.Dialect.SQLITE
                ? "'2026-05-13 10:00:00.000000'" : "'2026-05-13T10:00:00Z'"))).isEqualTo(2);
    }

    @Test
    void malformed_events_are_rejected_and_the_rest_of_the_batch_is_stored() {
        Map<String, Object> noEngine = event("task.received", "t-7", NOW, data());
        noEngine.remove("engine");
        Map<String, Object> hugeId = event("task.received", "x".repeat(201), NOW, data());

        IngestCounts counts = ingest(agent, List.of(noEngine, hugeId, event("task.received", "t-7", NOW, data())));

        assertThat(counts).isEqualTo(new IngestCounts(3, 1, 2));
        assertThat(count("SELECT count(*) FROM tasks WHERE project_id = :p")).isEqualTo(1);
    }

    @Test
    void huge_arguments_results_and_strings_are_cut_with_a_marker() {
        String big = "x".repeat(20_000);
        List<Object> hugeArgs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hugeArgs.add("y".repeat(8000));
        }
        ingest(agent, List.of(event("task.received", "t-8", NOW.minusSeconds(2), data("args", hugeArgs,
                        "kwargs", Map.of("note", big))),
                event("task.failed", "t-8", NOW.minusSeconds(1), data("exception", "E", "traceback", big))));

        Map<String, Object> task = task("t-8");
        assertThat(String.valueOf(task.get("args"))).contains("z4j_truncated").contains("original_bytes");
        assertThat(String.valueOf(task.get("args")).length()).isLessThan(4096);
        assertThat(String.valueOf(task.get("kwargs"))).contains("[truncated 11808 bytes]");
        assertThat(String.valueOf(task.get("traceback"))).hasSizeLessThan(8300).endsWith("[truncated 11808 bytes]");
    }

    @Test
    void unicode_survives_in_every_column_and_is_cut_on_character_boundaries() {
        String name = "émoji.任务.🚀";
        String snowmen = "☃".repeat(3000);
        ingest(agent, List.of(event("task.received", "t-🚀-9", NOW, data("task_name", name, "queue", "kø",
                "args", List.of("ünïcödé", "𝄞"), "kwargs", Map.of("s", snowmen)))));

        Map<String, Object> task = task("t-🚀-9");
        assertThat(task).containsEntry("name", name).containsEntry("queue", "kø");
        assertThat(String.valueOf(task.get("args"))).contains("ünïcödé").contains("𝄞");
        String cut = String.valueOf(task.get("kwargs"));
        assertThat(cut).contains("[truncated 810 bytes]").doesNotContain("\uFFFD");
    }

    @Test
    void secrets_are_redacted_before_anything_is_stored() {
        ingest(agent, List.of(event("task.received", "t-10", NOW, data("task_name", "login",
                "args", List.of("Bearer abcdefghijklmnop", "postgres://app:s3cr3t@db:5432/x"),
                "kwargs", Map.of("password", "hunter2", "api_key", "k-123", "user", "ops@example.com",
                        "nested", Map.of("Refresh-Token", "rt"))))));

        Map<String, Object> task = task("t-10");
        String payload = database.read(h -> h.createQuery("SELECT CAST(payload AS TEXT) FROM events "
                + "WHERE project_id = :p").bind("p", project).mapTo(String.class).one());
        String stored = task.get("args") + " " + task.get("kwargs") + " " + payload;
        assertThat(stored).doesNotContain("hunter2").doesNotContain("k-123").doesNotContain("s3cr3t")
                .doesNotContain("abcdefghijklmnop").doesNotContain("ops@example.com").doesNotContain("\"rt\"")
                .contains("[REDACTED]").contains("postgres://app:[REDACTED]@db");
    }

    @Test
    void concurrent_batches_are_committed_together_and_each_counted_for_its_sender() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<IngestCounts>> results = new ArrayList<>();
            for (int b = 0; b < 200; b++) {
                List<Map<String, Object>> events = new ArrayList<>();
                for (int t = 0; t < 10; t++) {
                    events.addAll(lifecycle("b" + b + "-t" + t));
                }
                results.add(CompletableFuture.supplyAsync(() -> ingest(agent, events), senders));
            }
            int accepted = 0;
            for (CompletableFuture<IngestCounts> r : results) {
                accepted += r.get().accepted();
            }
            assertThat(accepted).isEqualTo(6000);
        } finally {
            senders.shutdown();
        }
        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p")).isEqualTo(6000);
        assertThat(count("SELECT count(*) FROM tasks WHERE project_id = :p AND state = 'success'")).isEqualTo(2000);
    }

    @Test
    void heartbeat_reports_fill_queue_depths_and_workers_without_credentials() {
        String details = "{\"w1@host\": {\"stats\": {\"pid\": 42, \"pool\": {\"max-concurrency\": 8}, "
                + "\"loadavg\": [0.5, 0.4, 0.3], \"broker\": {\"password\": \"pw\"}}, \"active\": [{}, {}], "
                + "\"active_queues\": [{\"name\": \"default\"}, {\"name\": \"slow\"}], \"registered\": [\"a.b\"], "
                + "\"conf\": {\"broker_url\": \"redis://:pw@r:6379/0\", \"task_serializer\": \"json\"}}}";
        ingestion.engineHealth(new EngineHealth(project, agent, Map.of("celery.queue_depths",
                "{\"default\": 3, \"slow\": 0}", "celery.worker_details", details, "celery.broker_type", "redis"),
                Optional.empty()));
        ingestion.ingest(new EventBatch(project, agent, Optional.empty(), "flush", List.of(
                event("worker.heartbeat", "", NOW, data("worker", "w1@host")))));

        Map<String, Object> worker = database.read(h -> h.createQuery("SELECT pid, concurrency, active_tasks, "
                + "CAST(queues AS TEXT) AS queues, CAST(metadata AS TEXT) AS metadata FROM workers "
                + "WHERE project_id = :p").bind("p", project).mapToMap().one());
        assertThat(((Number) worker.get("concurrency")).longValue()).isEqualTo(8);
        assertThat(((Number) worker.get("active_tasks")).longValue()).isEqualTo(2);
        assertThat(compact(worker.get("queues"))).isEqualTo("[\"default\",\"slow\"]");
        assertThat(String.valueOf(worker.get("metadata"))).contains("task_serializer").doesNotContain("broker_url")
                .doesNotContain("\"pw\"");
        Long depth = database.read(h -> h.createQuery("SELECT pending_count FROM queues WHERE project_id = :p "
                + "AND name = 'default'").bind("p", project).mapTo(Long.class).one());
        assertThat(depth).isEqualTo(3);
    }

    @Test
    void agent_status_reports_become_history_and_retention_prunes_old_events_and_reports() {
        ingestion.agentStatus(new AgentStatusReport(project, agent, NOW.minus(Duration.ofDays(40)),
                Map.of("buffer_depth", 3L)));
        ingestion.agentStatus(new AgentStatusReport(project, agent, NOW, Map.of("buffer_depth", 0L)));
        ingest(agent, List.of(event("worker.online", "", NOW.minus(Duration.ofDays(40)), data("worker", "w1")),
                event("worker.online", "", NOW.minusSeconds(1), data("worker", "w1"))));
        assertThat(count("SELECT count(*) FROM agent_status_history WHERE project_id = :p")).isEqualTo(2);

        long pruned = new RetentionSweep(new JdbcIngestStore(database), database, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(30), 1, Duration.ZERO).prune();

        assertThat(pruned).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM agent_status_history WHERE project_id = :p")).isEqualTo(1);
    }

    @Test
    void retention_prunes_in_small_transactions_while_batches_keep_committing() throws Exception {
        for (int b = 0; b < 40; b++) {
            List<Map<String, Object>> old = new ArrayList<>();
            for (int e = 0; e < 100; e++) {
                old.add(event("task.received", "old-" + b + "-" + e, NOW.minus(Duration.ofDays(40)), data()));
            }
            assertThat(ingest(agent, old).accepted()).isEqualTo(100);
        }
        RetentionSweep sweep = new RetentionSweep(new JdbcIngestStore(database), database,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30), 200, Duration.ofMillis(20));

        CompletableFuture<Long> pruning = CompletableFuture.supplyAsync(sweep::prune);
        int committedDuringPrune = 0;
        int batches = 0;
        while (!pruning.isDone()) {
            ingest(agent, List.of(event("task.received", "new-" + batches, NOW.minusSeconds(1), data()),
                    event("task.started", "new-" + batches, NOW, data())));
            batches++;
            if (!pruning.isDone()) {
                committedDuringPrune++;
            }
        }

        assertThat(pruning.get()).isEqualTo(4000);
        assertThat(committedDuringPrune).as("batches committed while the prune ran").isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p AND task_id LIKE 'old-%'")).isZero();
        assertThat(count("SELECT count(*) FROM events WHERE project_id = :p AND task_id LIKE 'new-%'"))
                .isEqualTo(2L * batches);
        assertThat(count("SELECT count(*) FROM tasks WHERE project_id = :p AND task_id LIKE 'old-%'"))
                .as("tasks keep their last state").isEqualTo(4000);
    }
}
