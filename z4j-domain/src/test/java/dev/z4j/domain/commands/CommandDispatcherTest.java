package dev.z4j.domain.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.domain.testing.FakeProjects;
import dev.z4j.domain.testing.FakeTransactions;
import dev.z4j.domain.testing.MutableClock;
import dev.z4j.domain.testing.RecordingAuditTrail;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentLivenessStore;
import dev.z4j.ports.agents.AgentState;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.commands.CommandPage;
import dev.z4j.ports.commands.CommandReply;
import dev.z4j.ports.commands.CommandStore.TaskOrigin;
import dev.z4j.ports.commands.CommandView;
import dev.z4j.ports.commands.IssuedCommand;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.ingest.TaskState;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.ChangeFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

    final FakeTransactions transactions = new FakeTransactions();
    final InMemoryCommandStore store = new InMemoryCommandStore(transactions);
    final RecordingAuditTrail audit = new RecordingAuditTrail(transactions);
    final FakeProjects projects = new FakeProjects();
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-13T10:00:00Z"));
    final Agents agents = new Agents();
    final Channel channel = new Channel();
    final InMemoryTaskReads tasks = new InMemoryTaskReads();
    final List<String> published = new ArrayList<>();
    final CommandDispatcher commands = new CommandDispatcher(store, tasks, agents, projects, audit, channel,
            new Feed(), transactions, clock, Duration.ofSeconds(60));

    UUID project;
    final UUID admin = UUID.randomUUID();
    final UUID operator = UUID.randomUUID();
    final UUID viewer = UUID.randomUUID();
    final UUID celeryAgent = UUID.randomUUID();
    final UUID rqAgent = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        project = projects.add("ops");
        projects.add("other");
        projects.grant(admin, "ops", ProjectRole.ADMIN);
        projects.grant(operator, "ops", ProjectRole.OPERATOR);
        projects.grant(viewer, "ops", ProjectRole.VIEWER);
        agents.add(project, celeryAgent, List.of("celery"), "2026-05-13T09:00:00Z");
        agents.add(project, rqAgent, List.of("rq"), "2026-05-13T09:30:00Z");
        channel.connected.addAll(List.of(celeryAgent, rqAgent));
    }

    static Caller user(UUID id) {
        return new Caller(new Principal.User(id, false, UUID.randomUUID()), Optional.of("198.51.100.7"),
                Optional.empty());
    }

    IssuedCommand retry(UUID who, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("engine", "celery", "task_id", "t-1"));
        body.putAll(extra);
        return commands.issue(user(who), "ops", "retry-task", body);
    }

    List<AuditEntry> auditRows() {
        return audit.entries();
    }

    @Test
    void an_operator_retries_a_task_and_the_command_goes_out_at_once() {
        store.tasks.put(project + "/celery/t-1", new TaskOrigin(Optional.of("app.add"), Optional.of(List.of(1, 2)),
                Optional.of(Map.of("x", 1)), Optional.of("high")));

        IssuedCommand issued = retry(operator, Map.of("agent_id", celeryAgent.toString()));

        assertThat(issued.created()).isTrue();
        CommandView command = issued.command();
        assertThat(command.status()).isEqualTo("dispatched");
        assertThat(command.action()).isEqualTo("retry_task");
        assertThat(command.targetType()).isEqualTo("task");
        assertThat(command.targetId()).contains("celery:t-1");
        assertThat(command.issuedBy()).contains(operator);
        assertThat(command.issuerType()).isEqualTo("user");
        assertThat(command.timeoutAt()).isEqualTo(command.issuedAt().plusSeconds(60));
        assertThat(command.payload()).containsEntry("task_name", "app.add").containsEntry("args", List.of(1, 2))
                .containsEntry("kwargs", Map.of("x", 1)).containsEntry("priority", "high");

        AgentCommand sent = channel.delivered.get(0);
        assertThat(sent.id()).isEqualTo(command.id());
        assertThat(sent.agentId()).isEqualTo(celeryAgent);
        assertThat(sent.timeoutSeconds()).isEqualTo(60);
        assertThat(sent.issuedBy()).contains(operator);

        assertThat(auditRows()).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("command.issue.retry_task");
            assertThat(row.projectId()).contains(project);
            assertThat(row.metadata()).containsEntry("agent_id", celeryAgent.toString())
                    .containsEntry("target_id", "celery:t-1").doesNotContainKeys("args", "kwargs");
        });
        commands.finished(project, celeryAgent, command.id(), new CommandReply(true, Optional.empty(),
                Optional.empty()));
        assertThat(published).as("one small event per change").containsExactly(
                "command.changed " + command.id() + " pending",
                "command.changed " + command.id() + " dispatched",
                "command.changed " + command.id() + " completed");
    }

    @Test
    void an_override_replaces_the_original_arguments_and_no_argument_reaches_the_audit() {
        store.tasks.put(project + "/celery/t-1", new TaskOrigin(Optional.of("app.add"), Optional.of(List.of(1, 2)),
                Optional.empty(), Optional.empty()));
        CommandView command = retry(operator, Map.of("override_args", List.of("s3cr3t-value"), "eta_seconds", 30))
                .command();
        assertThat(command.payload()).containsEntry("override_args", List.of("s3cr3t-value"))
                .containsEntry("eta_seconds", 30).doesNotContainKey("args");
        assertThat(auditRows().get(0).metadata().toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void without_an_agent_id_the_connected_agent_running_the_engine_is_chosen() {
        CommandView rq = commands.issue(user(operator), "ops", "cancel-task", Map.of("engine", "rq", "task_id", "j-1"))
                .command();
        assertThat(rq.agentId()).contains(rqAgent);
        CommandView celery = retry(operator, Map.of()).command();
        assertThat(celery.agentId()).contains(celeryAgent);
    }

    @Test
    void no_connected_agent_for_the_engine_is_503_agent_offline_and_nothing_is_stored() {
        channel.connected.remove(celeryAgent);
        assertThatThrownBy(() -> retry(operator, Map.of())).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.kind()).isEqualTo(Refusal.Kind.BUSY);
            assertThat(r.reason()).isEqualTo("agent_offline");
            assertThat(r.getMessage()).contains("celery");
        });
        assertThatThrownBy(() -> retry(operator, Map.of("agent_id", celeryAgent.toString())))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("agent_offline"));
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "cancel-task",
                Map.of("engine", "dramatiq", "task_id", "x"))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.reason()).isEqualTo("agent_offline"));
        assertThat(store.all()).isEmpty();
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void an_agent_of_another_project_or_unknown_is_not_found_and_a_wrong_engine_invalid() {
        UUID stranger = UUID.randomUUID();
        agents.add(UUID.randomUUID(), stranger, List.of("celery"), "2026-05-13T09:00:00Z");
        channel.connected.add(stranger);
        assertThatThrownBy(() -> retry(operator, Map.of("agent_id", stranger.toString())))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("agent_not_found"));
        assertThatThrownBy(() -> retry(operator, Map.of("agent_id", rqAgent.toString())))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("engine_not_served"));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void a_viewer_and_a_stranger_are_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> retry(viewer, Map.of())).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThatThrownBy(() -> retry(UUID.randomUUID(), Map.of())).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThat(commands.list(user(viewer), "ops", Optional.empty(), Optional.empty(), 10).items()).isEmpty();
        assertThat(store.all()).isEmpty();
        assertThat(channel.delivered).isEmpty();
    }

    @Test
    void purging_a_queue_takes_an_admin_and_a_confirmation() {
        Map<String, Object> purge = Map.of("queue", "emails", "force", true);
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "purge-queue", purge))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
                    assertThat(r.details()).containsEntry("need", "admin");
                });
        assertThatThrownBy(() -> commands.issue(user(admin), "ops", "purge-queue", Map.of("queue", "emails")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("confirmation_required"));
        CommandView command = commands.issue(user(admin), "ops", "purge-queue",
                Map.of("queue", "emails", "confirm_token", "tok-123")).command();
        assertThat(command.action()).isEqualTo("purge_queue");
        assertThat(command.targetId()).contains("emails");
        assertThat(auditRows().get(0).metadata().toString()).doesNotContain("tok-123");
    }

    @Test
    void workers_are_operated_by_operators_and_the_pool_delta_picks_grow_or_shrink() {
        assertThat(commands.issue(user(operator), "ops", "pool-resize", Map.of("worker_name", "w1", "delta", -3))
                .command()).satisfies(c -> {
                    assertThat(c.action()).isEqualTo("pool_shrink");
                    assertThat(c.payload()).containsEntry("delta", 3);
                });
        assertThat(commands.issue(user(operator), "ops", "pool-resize", Map.of("worker_name", "w1", "delta", 2))
                .command().action()).isEqualTo("pool_grow");
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "pool-resize",
                Map.of("worker_name", "w1", "delta", 0))).isInstanceOf(Refusal.class);
        assertThat(commands.issue(user(operator), "ops", "rate-limit", Map.of("task_name", "app.add", "rate", "10/m"))
                .command().targetId()).contains("app.add");
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "rate-limit",
                Map.of("task_name", "app.add", "rate", "fast"))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.details()).containsEntry("field", "rate"));
        assertThatThrownBy(() -> commands.issue(user(viewer), "ops", "restart-worker", Map.of("worker_name", "w1")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "reboot-everything", Map.of()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("unknown_command"));
    }

    @Test
    void a_bulk_retry_is_limited_to_ten_thousand_tasks_and_server_owned_filter_keys_are_dropped() {
        List<String> tooMany = IntStream.rangeClosed(1, 10_001).mapToObj(i -> "t-" + i).toList();
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "bulk-retry",
                Map.of("engine", "celery", "max", 10_001))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.reason()).isEqualTo("bulk_limit"));
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "bulk-retry",
                Map.of("engine", "celery", "filter", Map.of("task_ids", tooMany)))).isInstanceOfSatisfying(
                Refusal.class, r -> assertThat(r.reason()).isEqualTo("bulk_limit"));
        assertThat(store.all()).isEmpty();

        Instant t = Instant.parse("2026-05-13T09:00:00Z");
        tasks.add(project, "celery", "t-old", TaskState.FAILURE, Optional.empty(), Optional.empty(), t);
        tasks.add(project, "celery", "t-new", TaskState.FAILURE, Optional.of("app.add"), Optional.of("high"),
                t.plusSeconds(60));
        CommandView bulk = commands.issue(user(operator), "ops", "bulk-retry", Map.of("max", 10_000,
                "filter", Map.of("engine", "celery", "state", "failure", "task_names", List.of("x")))).command();
        assertThat(bulk.agentId()).as("the filter's engine picks the agent").contains(celeryAgent);
        assertThat(bulk.payload()).containsEntry("max", 10_000)
                .containsEntry("filter", Map.of("engine", "celery", "state", "failure",
                        "task_ids", List.of("t-new", "t-old"), "task_names", Map.of("t-new", "app.add"),
                        "task_priorities", Map.of("t-new", "high")))
                .containsEntry("rejected_client_supplied_filter_keys", List.of("task_names"));
        assertThat(auditRows()).singleElement().satisfies(row ->
                assertThat(row.metadata()).containsEntry("rejected_filter_keys", List.of("task_names")));
        assertThat(commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery")).command().payload())
                .as("the default max").containsEntry("max", 1_000);
    }

    @Test
    void a_bulk_retry_by_filter_names_the_matching_tasks_of_its_engine_newest_first_up_to_max() {
        Instant t = Instant.parse("2026-05-13T09:00:00Z");
        for (int i = 0; i < BulkRetryTargets.PAGE + 20; i++) {
            tasks.add(project, i % 2 == 0 ? "celery" : "rq", "t-" + i, TaskState.FAILURE, Optional.empty(),
                    Optional.empty(), t.plusSeconds(i));
        }
        tasks.add(project, "celery", "t-ok", TaskState.SUCCESS, Optional.empty(), Optional.empty(), t.plusSeconds(999));
        tasks.add(projects.add("elsewhere"), "celery", "t-theirs", TaskState.FAILURE, Optional.empty(),
                Optional.empty(), t.plusSeconds(999));

        Map<String, Object> filter = Map.of("state", List.of("failure", "revoked"), "since",
                "2026-05-13T09:00:10Z");
        Object named = commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery", "max", 300,
                "filter", filter)).command().payload().get("filter");

        List<String> expected = IntStream.iterate(BulkRetryTargets.PAGE + 18, i -> i >= 10, i -> i - 2)
                .limit(300).mapToObj(i -> "t-" + i).toList();
        assertThat(named).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("task_ids", expected).doesNotContainKeys("task_names", "task_priorities");
    }

    @Test
    void a_bulk_retry_refuses_a_filter_that_matches_nothing_or_names_no_state_and_stores_nothing() {
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery",
                "filter", Map.of("state", "failure")))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.reason()).isEqualTo("nothing_to_retry"));
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery",
                "filter", Map.of("state", "failed")))).isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.reason()).isEqualTo("invalid_field");
                    assertThat(r.details()).containsEntry("field", "filter.state");
                    assertThat(r.getMessage()).contains("failure");
                });
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery",
                "filter", Map.of("since", "yesterday")))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.details()).containsEntry("field", "filter.since"));
        assertThat(store.all()).isEmpty();
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void a_bulk_retry_whose_named_tasks_would_not_fit_in_one_agent_frame_is_refused_with_what_fits() {
        Instant t = Instant.parse("2026-05-13T09:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            tasks.add(project, "celery", UUID.randomUUID().toString(), TaskState.FAILURE,
                    Optional.of("billing.tasks.reconcile_invoice"), Optional.of("normal"), t.plusMillis(i));
        }
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery",
                "max", 10_000, "filter", Map.of("state", "failure")))).isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.reason()).isEqualTo("too_large");
                    assertThat(r.getMessage()).contains("lower max to about");
                });
        assertThat(store.all()).isEmpty();
        assertThat(commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery", "max", 1_000,
                "filter", Map.of("state", "failure"))).created()).isTrue();
    }

    @Test
    void a_bulk_retry_of_named_tasks_carries_their_stored_names_and_priorities() {
        store.tasks.put(project + "/celery/t-1", new TaskOrigin(Optional.of("app.add"), Optional.empty(),
                Optional.empty(), Optional.of("critical")));
        Object filter = commands.issue(user(operator), "ops", "bulk-retry", Map.of("engine", "celery",
                "filter", Map.of("task_ids", List.of("t-1", "t-unknown")))).command().payload().get("filter");
        assertThat(filter).isEqualTo(Map.of("task_ids", List.of("t-1", "t-unknown"),
                "task_names", Map.of("t-1", "app.add"), "task_priorities", Map.of("t-1", "critical")));
    }

    @Test
    void the_same_idempotency_key_returns_the_same_command_once_stored_audited_and_sent() {
        IssuedCommand first = retry(operator, Map.of("idempotency_key", "retry-t-1"));
        channel.connected.clear();
        IssuedCommand again = retry(operator, Map.of("idempotency_key", "retry-t-1"));

        assertThat(again.created()).isFalse();
        assertThat(again.command().id()).isEqualTo(first.command().id());
        assertThat(store.all()).hasSize(1);
        assertThat(auditRows()).hasSize(1);
        assertThat(channel.delivered).hasSize(1);

        UUID otherProject = projects.add("third");
        projects.grant(operator, "third", ProjectRole.OPERATOR);
        UUID otherAgent = UUID.randomUUID();
        agents.add(otherProject, otherAgent, List.of("celery"), "2026-05-13T09:00:00Z");
        channel.connected.add(otherAgent);
        assertThat(commands.issue(user(operator), "third", "retry-task", Map.of("engine", "celery", "task_id", "t-1",
                "idempotency_key", "retry-t-1")).created()).as("keys are per project").isTrue();
    }

    @Test
    void a_command_that_finds_no_connection_waits_and_goes_out_when_the_agent_is_ready() {
        channel.refuseDelivery = true;
        CommandView command = retry(operator, Map.of()).command();
        assertThat(command.status()).isEqualTo("pending");

        channel.refuseDelivery = false;
        commands.agentReady(project, celeryAgent);

        assertThat(channel.delivered).extracting(AgentCommand::id).containsExactly(command.id());
        assertThat(store.find(project, command.id()).orElseThrow().status()).isEqualTo("dispatched");
        commands.agentReady(project, celeryAgent);
        assertThat(channel.delivered).as("claimed once").hasSize(1);
    }

    @Test
    void the_agents_reply_completes_it_and_replies_from_another_agent_or_too_late_are_ignored() {
        CommandView done = retry(operator, Map.of()).command();
        commands.finished(project, rqAgent, done.id(), new CommandReply(true, Optional.empty(), Optional.empty()));
        assertThat(store.find(project, done.id()).orElseThrow().status()).as("wrong agent").isEqualTo("dispatched");
        commands.acknowledged(project, celeryAgent, done.id());
        commands.finished(project, celeryAgent, done.id(), new CommandReply(true,
                Optional.of(Map.of("new_task_id", "t-2")), Optional.empty()));
        assertThat(store.find(project, done.id()).orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo("completed");
            assertThat(c.result()).contains(Map.of("new_task_id", "t-2"));
        });
        assertThat(auditRows()).extracting(AuditEntry::action).containsExactly("command.issue.retry_task",
                "command.completed");

        CommandView failing = retry(operator, Map.of()).command();
        commands.finished(project, celeryAgent, failing.id(), new CommandReply(false, Optional.empty(),
                Optional.of("x".repeat(5000))));
        assertThat(store.find(project, failing.id()).orElseThrow().error().orElseThrow()).hasSize(1024);

        CommandView late = retry(operator, Map.of()).command();
        clock.advance(Duration.ofSeconds(61));
        assertThat(commands.sweepTimeouts()).isEqualTo(1);
        commands.finished(project, celeryAgent, late.id(), new CommandReply(true, Optional.empty(), Optional.empty()));
        assertThat(store.find(project, late.id()).orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo("timeout");
            assertThat(c.error()).contains(CommandDispatcher.TIMED_OUT);
        });
        assertThat(auditRows()).extracting(AuditEntry::action).endsWith("command.timeout");
    }

    @Test
    void a_polling_agent_claims_its_pending_commands_and_gets_the_unacknowledged_ones_again() {
        channel.refuseDelivery = true;
        CommandView first = retry(operator, Map.of()).command();
        clock.advance(Duration.ofMillis(1));
        CommandView second = retry(operator, Map.of()).command();

        assertThat(commands.claim(project, celeryAgent, 1)).extracting(AgentCommand::id).containsExactly(first.id());
        assertThat(commands.claim(project, celeryAgent, 10)).as("the probe's command again, then the next")
                .extracting(AgentCommand::id).containsExactly(first.id(), second.id());
        commands.acknowledged(project, celeryAgent, first.id());
        assertThat(commands.claim(project, celeryAgent, 10)).extracting(AgentCommand::id)
                .containsExactly(second.id());
        assertThat(commands.claim(project, rqAgent, 10)).isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(commands.claim(project, celeryAgent, 10)).as("timed out").isEmpty();
    }

    @Test
    void the_list_pages_newest_first_and_detail_is_per_project() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(retry(operator, Map.of()).command().id());
            clock.advance(Duration.ofSeconds(1));
        }
        CommandPage page = commands.list(user(viewer), "ops", Optional.empty(), Optional.empty(), 3);
        assertThat(page.items()).extracting(CommandView::id).containsExactly(ids.get(4), ids.get(3), ids.get(2));
        CommandPage rest = commands.list(user(viewer), "ops", Optional.empty(), page.nextCursor(), 3);
        assertThat(rest.items()).extracting(CommandView::id).containsExactly(ids.get(1), ids.get(0));
        assertThat(rest.nextCursor()).isEmpty();
        assertThat(commands.list(user(viewer), "ops", Optional.of("completed"), Optional.empty(), 3).items()).isEmpty();
        assertThatThrownBy(() -> commands.list(user(viewer), "ops", Optional.of("weird"), Optional.empty(), 3))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> commands.list(user(viewer), "ops", Optional.empty(), Optional.of("garbage"), 3))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("invalid_cursor"));
        assertThat(commands.get(user(viewer), "ops", ids.get(0)).id()).isEqualTo(ids.get(0));
        projects.grant(viewer, "other", ProjectRole.VIEWER);
        assertThatThrownBy(() -> commands.get(user(viewer), "other", ids.get(0)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("command_not_found"));
    }

    Map<String, Object> scheduleRequest(String scheduler) {
        return Map.of("schedule_id", UUID.randomUUID().toString(), "schedule_name", "nightly", "scheduler",
                scheduler, "engine", "celery");
    }

    @Test
    void a_schedule_command_goes_to_an_agent_running_its_scheduler_if_that_scheduler_can_do_it() {
        UUID beat = UUID.randomUUID();
        agents.add(project, beat, List.of("celery"), List.of("celery-beat"),
                Map.of("celery-beat", List.of("schedule.enable", "schedule.disable")), "2026-05-13T08:00:00Z");
        channel.connected.add(beat);

        CommandView enable = commands.issue(user(operator), "ops", "schedule-enable", scheduleRequest("celery-beat"))
                .command();
        assertThat(enable.agentId()).as("the only agent running celery-beat").contains(beat);
        assertThat(enable.action()).isEqualTo("schedule.enable");
        assertThat(enable.targetType()).isEqualTo("schedule");
        assertThat(enable.payload()).containsEntry("schedule_id", "nightly").containsEntry("scheduler", "celery-beat");

        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "schedule-trigger",
                scheduleRequest("celery-beat"))).isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID);
                    assertThat(r.reason()).isEqualTo("action_not_supported");
                    assertThat(r.getMessage()).contains("schedule.trigger_now");
                });
        assertThatThrownBy(() -> commands.issue(user(operator), "ops", "schedule-enable",
                scheduleRequest("rq-scheduler"))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.reason()).isEqualTo("agent_offline"));
        assertThatThrownBy(() -> commands.issue(user(viewer), "ops", "schedule-enable",
                scheduleRequest("celery-beat"))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThat(store.all()).hasSize(1);
    }

    /** Agents' recorded presence: only {@link #statuses} is used by commands. */
    static final class Agents implements AgentLivenessStore {
        final Map<UUID, Map<UUID, AgentStatus>> byProject = new HashMap<>();

        void add(UUID projectId, UUID agentId, List<String> engines, String connectedAt) {
            add(projectId, agentId, engines, List.of(), Map.of(), connectedAt);
        }

        void add(UUID projectId, UUID agentId, List<String> engines, List<String> schedulers,
                 Map<String, List<String>> capabilities, String connectedAt) {
            Instant at = Instant.parse(connectedAt);
            byProject.computeIfAbsent(projectId, p -> new HashMap<>()).put(agentId, new AgentStatus(AgentState.ONLINE,
                    "2", Optional.of("1.6.0"), "bare", engines, schedulers, capabilities, Optional.empty(),
                    Optional.of(at), Optional.of(at)));
        }

        @Override
        public Map<UUID, AgentStatus> statuses(UUID projectId) {
            return byProject.getOrDefault(projectId, Map.of());
        }

        @Override
        public void recordConnect(UUID agentId, UUID projectId, AgentInventory inventory, WorkerConnection worker,
                                  Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordSeen(Collection<Seen> seen) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordDisconnect(UUID agentId, String workerKey, Instant connectedAt, boolean agentOffline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int markSilentOffline(Instant cutoff) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Channel implements AgentChannel {
        final Set<UUID> connected = new HashSet<>();
        final List<AgentCommand> delivered = new ArrayList<>();
        boolean refuseDelivery;

        @Override
        public boolean deliver(AgentCommand command) {
            if (refuseDelivery || !connected.contains(command.agentId())) {
                return false;
            }
            delivered.add(command);
            return true;
        }

        @Override
        public boolean reachable(UUID agentId) {
            return connected.contains(agentId);
        }
    }

    final class Feed implements ChangeFeed {
        @Override
        public void publish(UUID projectId, Topic topic) {
            published.add(topic.wire());
        }

        @Override
        public void publish(UUID projectId, Change change) {
            published.add(change.topic().wire() + " " + change.subject().get("command_id") + " "
                    + change.subject().get("status"));
        }

        @Override
        public Subscription subscribe(UUID projectId, Consumer<Topic> listener) {
            return () -> { };
        }
    }
}
