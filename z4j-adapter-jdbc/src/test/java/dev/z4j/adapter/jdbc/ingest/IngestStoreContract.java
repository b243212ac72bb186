package dev.z4j.adapter.jdbc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.ingest.EventRow;
import dev.z4j.ports.ingest.IngestStore.AgentStatusRow;
import dev.z4j.ports.ingest.QueueChange;
import dev.z4j.ports.ingest.TaskChange;
import dev.z4j.ports.ingest.WorkerChange;
import dev.z4j.ports.ingest.WorkerChange.WorkerDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code IngestStore} out-port on each database: the bulk statements and the task merge rule in SQL. */
abstract class IngestStoreContract {

    static final Instant T0 = Instant.parse("2026-05-13T10:00:00.000001Z");

    Database database;
    JdbcIngestStore store;
    UUID project;
    UUID agent;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        store = new JdbcIngestStore(database);
        project = TestDatabases.insertProject(database, "alpha", T0);
        agent = UUID.randomUUID();
        database.write(h -> h.createUpdate("INSERT INTO agents (id, project_id, name, created_at) "
                        + "VALUES (:id, :project, 'a', :now)")
                .bind("id", agent).bind("project", project).bind("now", T0).execute());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    EventRow event(UUID id, Instant at) {
        return new EventRow(id, project, agent, "celery", "t-1", 42L, "task.received", at, "{\"a\":\"é☃\"}");
    }

    /** An id beginning with the time, as ingestion makes them: {@code ms} milliseconds, then {@code tail}. */
    static UUID timeOrdered(long ms, long tail) {
        return new UUID((ms << 16) | 0x8000, 0x8000_0000_0000_0000L | tail);
    }

    /** A change builder with everything unknown. */
    final class Change {
        final UUID id;
        String name;
        String queue;
        int tier;
        String state;
        Instant stateAt;
        int stage;
        Instant receivedAt;
        String args;
        Instant startedAt;
        String worker;
        Instant finishedAt;
        String result;
        String exception;
        int retries;
        Instant seen = T0;

        Change(UUID id) {
            this.id = id;
        }

        Change state(int tier, String state, Instant at, int stage) {
            this.tier = tier;
            this.state = state;
            this.stateAt = at;
            this.stage = stage;
            this.seen = at;
            return this;
        }

        TaskChange build() {
            return new TaskChange(id, project, "celery", "t-" + id, name, queue, null, null, tier, state, stateAt, stage,
                    receivedAt, args, null, null, null, null, startedAt, worker, finishedAt, result, null, exception,
                    null, retries, seen, seen);
        }
    }

    Map<String, Object> task(UUID id) {
        return database.read(h -> h.createQuery("SELECT state, name, queue, CAST(args AS TEXT) AS args, worker_name, "
                        + "CAST(result AS TEXT) AS result, exception, retry_count, received_at, started_at, finished_at, first_seen_at FROM tasks WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    void upsert(Change... changes) {
        List<TaskChange> built = new ArrayList<>();
        for (Change c : changes) {
            built.add(c.build());
        }
        database.inTransaction(() -> {
            store.upsertTasks(built, T0.plusSeconds(100));
            return null;
        });
    }

    @Test
    void events_are_inserted_once_and_only_new_ids_are_reported() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(database.inTransaction(() -> store.insertEvents(List.of(event(a, T0))))).containsExactly(a);

        assertThat(database.inTransaction(() -> store.insertEvents(List.of(event(a, T0), event(b, T0)))))
                .containsExactly(b);

        String payload = database.read(h -> h.createQuery("SELECT CAST(payload AS TEXT) FROM events WHERE id = :id")
                .bind("id", b).mapTo(String.class).one());
        assertThat(payload).contains("é☃");
    }

    @Test
    void more_rows_than_one_statement_may_bind_are_split_and_all_stored() {
        List<EventRow> rows = IntStream.range(0, 9000).mapToObj(i -> event(UUID.randomUUID(), T0.plusMillis(i)))
                .toList();

        assertThat(database.inTransaction(() -> store.insertEvents(rows))).hasSize(9000);
    }

    @Test
    void a_terminal_state_is_never_replaced_by_a_later_non_terminal_one() {
        UUID id = UUID.randomUUID();
        Change success = new Change(id).state(2, "success", T0.plusSeconds(2), 4);
        success.finishedAt = T0.plusSeconds(2);
        success.result = "42";
        upsert(success);

        upsert(new Change(id).state(1, "started", T0.plusSeconds(9), 2));

        assertThat(task(id)).containsEntry("state", "success").containsEntry("result", "42");
    }

    @Test
    void a_terminal_state_replaces_a_more_recent_non_terminal_one_and_clears_nothing_it_does_not_own() {
        UUID id = UUID.randomUUID();
        Change started = new Change(id).state(1, "started", T0.plusSeconds(5), 2);
        started.startedAt = T0.plusSeconds(5);
        started.worker = "w1@host";
        upsert(started);
        Change failed = new Change(id).state(2, "failure", T0.plusSeconds(1), 5);
        failed.finishedAt = T0.plusSeconds(1);
        failed.exception = "ValueError: boom";

        upsert(failed);

        assertThat(task(id)).containsEntry("state", "failure").containsEntry("exception", "ValueError: boom")
                .containsEntry("worker_name", "w1@host");
    }

    @Test
    void within_a_tier_an_older_event_does_not_move_the_state_back_but_its_details_fill_in() {
        UUID id = UUID.randomUUID();
        upsert(new Change(id).state(1, "started", T0.plusSeconds(5), 2));
        Change received = new Change(id).state(1, "received", T0.plusSeconds(1), 1);
        received.receivedAt = T0.plusSeconds(1);
        received.args = "[1,2]";
        received.name = "app.add";
        received.seen = T0.plusSeconds(1);

        upsert(received);

        Map<String, Object> row = task(id);
        assertThat(row).containsEntry("state", "started").containsEntry("name", "app.add");
        assertThat(String.valueOf(row.get("args")).replace(" ", "")).isEqualTo("[1,2]");
    }

    @Test
    void the_newer_of_two_terminal_states_wins_with_its_own_finish() {
        UUID id = UUID.randomUUID();
        Change failed = new Change(id).state(2, "failure", T0.plusSeconds(1), 5);
        failed.finishedAt = T0.plusSeconds(1);
        failed.exception = "boom";
        upsert(failed);
        Change success = new Change(id).state(2, "success", T0.plusSeconds(3), 4);
        success.finishedAt = T0.plusSeconds(3);
        success.result = "\"ok\"";

        upsert(success);

        assertThat(task(id)).containsEntry("state", "success").containsEntry("result", "\"ok\"")
                .containsEntry("exception", null);
    }

    @Test
    void retries_add_up_and_names_and_queues_follow_the_newest_that_names_them() {
        UUID id = UUID.randomUUID();
        Change one = new Change(id).state(1, "retry", T0.plusSeconds(1), 3);
        one.retries = 1;
        one.queue = "default";
        upsert(one);
        Change two = new Change(id).state(1, "retry", T0.plusSeconds(2), 3);
        two.retries = 1;
        two.queue = "slow";

        upsert(two, new Change(UUID.randomUUID()));

        Map<String, Object> row = task(id);
        assertThat(((Number) row.get("retry_count")).intValue()).isEqualTo(2);
        assertThat(row).containsEntry("queue", "slow");
    }

    @Test
    void a_change_without_a_state_creates_a_pending_task_and_moves_no_state() {
        UUID id = UUID.randomUUID();
        Change sent = new Change(id);
        sent.name = "app.add";
        upsert(sent);
        assertThat(task(id)).containsEntry("state", "pending");

        upsert(new Change(id).state(1, "received", T0.plusSeconds(1), 1), new Change(UUID.randomUUID()));
        upsert(sent);

        assertThat(task(id)).containsEntry("state", "received").containsEntry("name", "app.add");
    }

    @Test
    void workers_follow_their_latest_sighting_and_keep_details_until_new_ones_arrive() {
        UUID id = UUID.randomUUID();
        WorkerDetails details = new WorkerDetails("w1@host", 42L, 8L, "[\"default\"]", 2L, "[0.5]", "{\"conf\":{}}");
        database.inTransaction(() -> {
            store.upsertWorkers(List.of(new WorkerChange(id, project, "celery", "w1@host", "online", T0.plusSeconds(5),
                    details)), T0);
            store.upsertWorkers(List.of(new WorkerChange(id, project, "celery", "w1@host", "offline", T0.plusSeconds(1),
                    null)), T0);
            return null;
        });

        Map<String, Object> row = database.read(h -> h.createQuery("SELECT state, concurrency, CAST(queues AS TEXT) AS queues, pid FROM workers "
                + "WHERE id = :id").bind("id", id).mapToMap().one());
        assertThat(row).containsEntry("state", "online");
        assertThat(((Number) row.get("concurrency")).longValue()).isEqualTo(8);
        assertThat(String.valueOf(row.get("queues")).replace(" ", "")).isEqualTo("[\"default\"]");
    }

    @Test
    void a_queue_keeps_its_depth_when_a_sighting_reports_none() {
        UUID id = UUID.randomUUID();
        database.inTransaction(() -> {
            store.upsertQueues(List.of(new QueueChange(id, project, "celery", "default", T0, 7L)), T0);
            store.upsertQueues(List.of(new QueueChange(id, project, "celery", "default", T0.plusSeconds(1), null)), T0);
            return null;
        });

        Long depth = database.read(h -> h.createQuery("SELECT pending_count FROM queues WHERE id = :id").bind("id", id)
                .mapTo(Long.class).one());
        assertThat(depth).isEqualTo(7L);
    }

    @Test
    void pruning_deletes_at_most_the_limit_of_the_events_whose_ids_sort_below_the_boundary() {
        database.inTransaction(() -> {
            store.insertEvents(IntStream.range(0, 5).mapToObj(i -> event(timeOrdered(1000L * i, i), T0.plusSeconds(i)))
                    .toList());
            store.appendAgentStatus(List.of(new AgentStatusRow(project, agent, T0, "{\"buffer_depth\":1}"),
                    new AgentStatusRow(project, agent, T0.plusSeconds(10), "{}")));
            return null;
        });

        UUID boundary = new UUID(3000L << 16, 0);
        assertThat(database.inTransaction(() -> store.pruneEvents(boundary, 2))).isEqualTo(2);
        assertThat(database.inTransaction(() -> store.pruneEvents(boundary, 2))).isEqualTo(1);
        assertThat(database.inTransaction(() -> store.pruneAgentStatus(T0.plusSeconds(3), 10))).isEqualTo(1);
        Long left = database.read(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Long.class).one());
        assertThat(left).isEqualTo(2);
        List<UUID> kept = database.read(h -> h.createQuery("SELECT id FROM events").mapTo(UUID.class).list());
        assertThat(kept).containsExactlyInAnyOrder(timeOrdered(3000, 3), timeOrdered(4000, 4));
    }
}
