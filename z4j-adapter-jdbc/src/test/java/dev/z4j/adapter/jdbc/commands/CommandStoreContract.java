package dev.z4j.adapter.jdbc.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.commands.CommandStore.Outcome;
import dev.z4j.ports.commands.CommandStore.Position;
import dev.z4j.ports.commands.CommandView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the {@code CommandStore} out-port, run on each database. */
abstract class CommandStoreContract {

    static final Instant T0 = Instant.parse("2026-05-13T10:00:00.123456Z");
    static final String TIMED_OUT = "command timed out before agent responded";

    Database database;
    JdbcCommandStore store;
    UUID project;
    UUID otherProject;
    UUID agent = UUID.randomUUID();
    UUID otherAgent = UUID.randomUUID();

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        store = new JdbcCommandStore(database);
        project = insertProject("alpha");
        otherProject = insertProject("beta");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private UUID insertProject(String slug) {
        return TestDatabases.insertProject(database, slug, T0);
    }

    CommandView command(UUID projectId, UUID agentId, Instant issuedAt, Optional<String> key) {
        return new CommandView(UUID.randomUUID(), projectId, Optional.of(agentId), Optional.of(UUID.randomUUID()),
                "user", Optional.of("someone"), "retry_task", "task", Optional.of("celery:t-1"),
                Map.of("engine", "celery", "task_id", "t-1", "args", List.of(1, "zwei ☃"), "ratio", 1.5), key,
                "pending", Optional.empty(), Optional.empty(), issuedAt, Optional.empty(), Optional.empty(),
                issuedAt.plusSeconds(60));
    }

    CommandView stored(Instant issuedAt) {
        CommandView c = command(project, agent, issuedAt, Optional.empty());
        assertThat(store.insert(c)).isTrue();
        return c;
    }

    @Test
    void a_command_reads_back_as_written() {
        CommandView c = stored(T0);
        assertThat(store.find(project, c.id())).contains(c);
        assertThat(store.find(otherProject, c.id())).as("another project's id").isEmpty();
    }

    @Test
    void a_command_issued_by_no_user_to_a_deleted_agent_reads_back_with_its_empty_fields() {
        CommandView c = new CommandView(UUID.randomUUID(), project, Optional.empty(), Optional.empty(), "cli",
                Optional.empty(), "bulk_retry", "bulk", Optional.empty(), Map.of(), Optional.empty(), "pending",
                Optional.empty(), Optional.empty(), T0, Optional.empty(), Optional.empty(), T0.plusSeconds(60));
        assertThat(store.insert(c)).isTrue();
        assertThat(store.find(project, c.id())).contains(c);
    }

    @Test
    void an_idempotency_key_is_unique_per_project_and_the_first_row_stays() {
        CommandView first = command(project, agent, T0, Optional.of("key-1"));
        assertThat(store.insert(first)).isTrue();
        assertThat(store.insert(command(project, agent, T0.plusSeconds(1), Optional.of("key-1")))).isFalse();
        assertThat(store.findByIdempotencyKey(project, "key-1")).contains(first);
        assertThat(store.insert(command(otherProject, agent, T0, Optional.of("key-1"))))
                .as("the same key in another project").isTrue();
        assertThat(store.insert(command(project, agent, T0, Optional.empty()))).isTrue();
        assertThat(store.insert(command(project, agent, T0, Optional.empty()))).as("no key, no dedup").isTrue();
        assertThat(store.list(project, Optional.empty(), Optional.empty(), 10)).hasSize(3);
    }

    @Test
    void the_lifecycle_moves_pending_to_dispatched_to_completed_once() {
        CommandView c = stored(T0);
        Instant now = T0.plusSeconds(1);
        assertThat(store.markDispatched(c.id(), now)).isTrue();
        assertThat(store.markDispatched(c.id(), now)).as("claimed once").isFalse();
        assertThat(store.acknowledge(project, agent, c.id(), now)).isTrue();
        assertThat(store.markUndelivered(c.id())).as("an acknowledged command was delivered").isFalse();

        Outcome ok = new Outcome("completed", Optional.of(Map.of("new_task_id", "t-2")), Optional.empty());
        assertThat(store.finish(project, agent, c.id(), ok, now.plusSeconds(1))).isTrue();
        assertThat(store.finish(project, agent, c.id(), new Outcome("failed", Optional.empty(), Optional.of("x")),
                now.plusSeconds(2))).as("a finished command stays finished").isFalse();

        CommandView done = store.find(project, c.id()).orElseThrow();
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.result()).contains(Map.of("new_task_id", "t-2"));
        assertThat(done.dispatchedAt()).contains(now);
        assertThat(done.completedAt()).contains(now.plusSeconds(1));
    }

    @Test
    void a_failed_push_puts_the_command_back_to_pending() {
        CommandView c = stored(T0);
        store.markDispatched(c.id(), T0);
        assertThat(store.markUndelivered(c.id())).isTrue();
        CommandView back = store.find(project, c.id()).orElseThrow();
        assertThat(back.status()).isEqualTo("pending");
        assertThat(back.dispatchedAt()).isEmpty();
        assertThat(store.pending(agent, T0, 10)).extracting(CommandView::id).containsExactly(c.id());
    }

    @Test
    void a_result_straight_from_pending_is_taken_and_failure_keeps_its_error() {
        CommandView c = stored(T0);
        Outcome failed = new Outcome("failed", Optional.empty(), Optional.of("no engine adapter"));
        assertThat(store.finish(project, agent, c.id(), failed, T0.plusSeconds(1))).isTrue();
        CommandView done = store.find(project, c.id()).orElseThrow();
        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.error()).contains("no engine adapter");
        assertThat(done.dispatchedAt()).isPresent();
    }

    @Test
    void results_from_another_agent_or_project_are_ignored() {
        CommandView c = stored(T0);
        Outcome ok = new Outcome("completed", Optional.empty(), Optional.empty());
        assertThat(store.finish(project, otherAgent, c.id(), ok, T0)).isFalse();
        assertThat(store.finish(otherProject, agent, c.id(), ok, T0)).isFalse();
        assertThat(store.acknowledge(project, otherAgent, c.id(), T0)).isFalse();
        assertThat(store.find(project, c.id()).orElseThrow().status()).isEqualTo("pending");
    }

    @Test
    void results_after_the_timeout_are_ignored_even_before_the_sweep() {
        CommandView c = stored(T0);
        Outcome ok = new Outcome("completed", Optional.empty(), Optional.empty());
        assertThat(store.finish(project, agent, c.id(), ok, c.timeoutAt())).isFalse();
        assertThat(store.markDispatched(c.id(), c.timeoutAt().plusSeconds(1))).isFalse();
        assertThat(store.expire(c.timeoutAt(), TIMED_OUT)).extracting(CommandView::id).containsExactly(c.id());
        assertThat(store.finish(project, agent, c.id(), ok, c.timeoutAt().minusSeconds(1)))
                .as("a timed-out command is finished").isFalse();
        CommandView expired = store.find(project, c.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo("timeout");
        assertThat(expired.error()).contains(TIMED_OUT);
        assertThat(expired.result()).isEmpty();
    }

    @Test
    void the_sweep_touches_only_expired_pending_and_dispatched_rows() {
        CommandView pendingOld = stored(T0);
        CommandView dispatchedOld = stored(T0);
        store.markDispatched(dispatchedOld.id(), T0);
        CommandView completedOld = stored(T0);
        store.finish(project, agent, completedOld.id(), new Outcome("completed", Optional.empty(), Optional.empty()),
                T0.plusSeconds(1));
        CommandView fresh = stored(T0.plusSeconds(30));

        Instant sweep = T0.plusSeconds(61);
        assertThat(store.expire(sweep, TIMED_OUT)).extracting(CommandView::id)
                .containsExactlyInAnyOrder(pendingOld.id(), dispatchedOld.id());
        assertThat(store.expire(sweep, TIMED_OUT)).as("a second sweep finds nothing").isEmpty();

        assertThat(store.find(project, completedOld.id()).orElseThrow().status()).isEqualTo("completed");
        assertThat(store.find(project, fresh.id()).orElseThrow().status()).isEqualTo("pending");
        assertThat(store.find(project, pendingOld.id()).orElseThrow().completedAt()).contains(sweep);
    }

    @Test
    void pending_and_unacknowledged_are_the_agents_open_commands_oldest_first() {
        CommandView second = stored(T0.plusSeconds(2));
        CommandView first = stored(T0.plusSeconds(1));
        CommandView someoneElses = command(project, otherAgent, T0, Optional.empty());
        store.insert(someoneElses);
        Instant now = T0.plusSeconds(5);
        assertThat(store.pending(agent, now, 10)).extracting(CommandView::id).containsExactly(first.id(), second.id());
        assertThat(store.pending(agent, now, 1)).extracting(CommandView::id).containsExactly(first.id());
        assertThat(store.pending(agent, T0.plusSeconds(61), 10)).as("expired ones are not offered")
                .extracting(CommandView::id).containsExactly(second.id());

        store.markDispatched(first.id(), now);
        store.markDispatched(second.id(), now);
        store.acknowledge(project, agent, second.id(), now);
        assertThat(store.unacknowledged(agent, now.minus(Duration.ofSeconds(60)), now, 10))
                .extracting(CommandView::id).containsExactly(first.id());
        assertThat(store.unacknowledged(agent, now.plusSeconds(1), now, 10)).as("dispatched before the window")
                .isEmpty();
    }

    @Test
    void the_list_pages_newest_first_with_a_status_filter() {
        CommandView a = stored(T0);
        CommandView b = stored(T0.plusSeconds(1));
        CommandView c = stored(T0.plusSeconds(2));
        store.markDispatched(b.id(), T0.plusSeconds(3));
        store.insert(command(otherProject, agent, T0, Optional.empty()));

        List<CommandView> page = store.list(project, Optional.empty(), Optional.empty(), 2);
        assertThat(page).extracting(CommandView::id).containsExactly(c.id(), b.id());
        CommandView last = page.get(1);
        assertThat(store.list(project, Optional.empty(), Optional.of(new Position(last.issuedAt(), last.id())), 2))
                .extracting(CommandView::id).containsExactly(a.id());
        assertThat(store.list(project, Optional.of("pending"), Optional.empty(), 10)).extracting(CommandView::id)
                .containsExactly(c.id(), a.id());
    }

    @Test
    void a_known_task_gives_its_originals_for_a_retry() {
        database.write(h -> h.createUpdate("INSERT INTO tasks (id, project_id, engine, task_id, name, args, kwargs, "
                        + "priority, first_seen_at, last_event_at, created_at, updated_at) VALUES (:id, :project, "
                        + "'celery', 't-1', 'app.add', :args, :kwargs, 'high', :now, :now, :now, :now)")
                .bind("id", UUID.randomUUID()).bind("project", project)
                .bind("args", new dev.z4j.adapter.jdbc.support.JsonText("[1,2]"))
                .bind("kwargs", new dev.z4j.adapter.jdbc.support.JsonText("{\"x\":1}"))
                .bind("now", T0).execute());
        var origin = store.task(project, "celery", "t-1").orElseThrow();
        assertThat(origin.name()).contains("app.add");
        assertThat(origin.args()).contains(List.of(1, 2));
        assertThat(origin.kwargs()).contains(Map.of("x", 1));
        assertThat(origin.priority()).contains("high");
        assertThat(store.task(otherProject, "celery", "t-1")).isEmpty();
        assertThat(store.task(project, "rq", "t-1")).isEmpty();
    }
}
