package dev.z4j.domain.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.domain.testing.FakeProjects;
import dev.z4j.domain.testing.FakeTransactions;
import dev.z4j.domain.testing.MutableClock;
import dev.z4j.ports.commands.CommandPage;
import dev.z4j.ports.commands.CommandView;
import dev.z4j.ports.commands.Commands;
import dev.z4j.ports.commands.IssuedCommand;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.schedules.SchedulePage;
import dev.z4j.ports.schedules.ScheduleStore;
import dev.z4j.ports.schedules.ScheduleView;
import dev.z4j.ports.schedules.Schedules.ScheduleCommand;
import dev.z4j.ports.support.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScheduleCatalogTest {

    final FakeTransactions transactions = new FakeTransactions();
    final Store store = new Store();
    final FakeProjects projects = new FakeProjects();
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-13T10:00:00Z"));
    final List<String> issued = new ArrayList<>();
    final List<Map<String, Object>> requests = new ArrayList<>();
    final ScheduleCatalog catalog = new ScheduleCatalog(store, new RecordingCommands(), projects, transactions, clock);

    UUID project;
    final UUID operator = UUID.randomUUID();
    final UUID viewer = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        project = projects.add("ops");
        projects.grant(operator, "ops", ProjectRole.OPERATOR);
        projects.grant(viewer, "ops", ProjectRole.VIEWER);
    }

    static Caller user(UUID id) {
        return new Caller(new Principal.User(id, false, UUID.randomUUID()), Optional.empty(), Optional.empty());
    }

    static Map<String, Object> schedule(String name, String expression) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("task_name", "app.report");
        s.put("kind", "cron");
        s.put("expression", expression);
        s.put("timezone", "Europe/Berlin");
        s.put("queue", "reports");
        s.put("args", List.of(1));
        s.put("kwargs", Map.of("password", "hunter2", "to", "ops"));
        s.put("is_enabled", true);
        s.put("total_runs", 4);
        s.put("next_run_at", "2026-05-14T03:00:00+00:00");
        return s;
    }

    static Map<String, Object> event(String kind, String occurredAt, Map<String, Object> data) {
        return Map.of("kind", kind, "engine", "celery", "occurred_at", occurredAt, "data", data);
    }

    static Map<String, Object> snapshot(String at, List<Map<String, Object>> schedules) {
        return event("schedule.snapshot", at, Map.of("scheduler", "celery-beat", "schedules", schedules,
                "reason", "boot"));
    }

    ScheduleView stored(String name) {
        return store.find(project, ScheduleCatalog.id(project, "celery-beat", name)).orElseThrow();
    }

    @Test
    void a_snapshot_replaces_the_schedulers_schedules_with_their_arguments_redacted() {
        catalog.report(project, agent, List.of(snapshot("2026-05-13T09:00:00Z",
                List.of(schedule("nightly", "0 3 * * *"), schedule("hourly", "0 * * * *")))));
        ScheduleView nightly = stored("nightly");
        assertThat(nightly.engine()).isEqualTo("celery");
        assertThat(nightly.timezone()).isEqualTo("Europe/Berlin");
        assertThat(nightly.totalRuns()).isEqualTo(4);
        assertThat(nightly.nextRunAt()).contains(Instant.parse("2026-05-14T03:00:00Z"));
        assertThat(nightly.kwargs()).containsEntry("password", "[REDACTED]").containsEntry("to", "ops");

        Map<String, Object> broken = new HashMap<>(schedule("hourly", "0 * * * *"));
        broken.put("timezone", "x".repeat(100));
        catalog.report(project, agent, List.of(snapshot("2026-05-13T09:15:00Z",
                List.of(schedule("nightly", "0 4 * * *"), broken))));

        assertThat(stored("nightly").expression()).isEqualTo("0 4 * * *");
        assertThat(store.rows.values()).as("a malformed entry is skipped but not taken as deleted")
                .extracting(ScheduleView::name).containsExactlyInAnyOrder("nightly", "hourly");

        catalog.report(project, agent, List.of(snapshot("2026-05-13T09:30:00Z", List.of(schedule("nightly",
                "0 4 * * *")))));
        assertThat(store.rows.values()).extracting(ScheduleView::name).containsExactly("nightly");
    }

    static Map<String, Object> owned(String name, String expression) {
        Map<String, Object> s = schedule(name, expression);
        s.put("scheduler", "celery-beat");
        return s;
    }

    @Test
    void created_updated_and_deleted_change_one_schedule_and_an_older_report_loses() {
        catalog.report(project, agent, List.of(event("schedule.created", "2026-05-13T09:00:00Z",
                Map.of("schedule", owned("weekly", "0 0 * * 0")))));
        catalog.report(project, agent, List.of(event("schedule.updated", "2026-05-13T09:10:00Z",
                Map.of("schedule", owned("weekly", "0 1 * * 0")))));
        catalog.report(project, agent, List.of(event("schedule.updated", "2026-05-13T09:05:00Z",
                Map.of("schedule", owned("weekly", "0 2 * * 0")))));
        assertThat(stored("weekly").expression()).isEqualTo("0 1 * * 0");
        catalog.report(project, agent, List.of(event("schedule.created", "2026-05-13T09:00:00Z",
                Map.of("schedule", schedule("engine-owned", "*")))));
        assertThat(store.find(project, ScheduleCatalog.id(project, "celery", "engine-owned")))
                .as("without a scheduler, the event's engine owns it").isPresent();

        catalog.report(project, agent, List.of(event("schedule.deleted", "2026-05-13T09:20:00Z",
                Map.of("schedule", Map.of("name", "weekly", "scheduler", "celery-beat")))));
        assertThat(store.rows.values()).extracting(ScheduleView::name).containsExactly("engine-owned");
    }

    @Test
    void members_list_and_read_schedules_and_strangers_do_not_see_them() {
        catalog.report(project, agent, List.of(snapshot("2026-05-13T09:00:00Z",
                List.of(schedule("a", "*"), schedule("b", "*"), schedule("c", "*")))));
        SchedulePage page = catalog.list(user(viewer), "ops", Optional.empty(), 2);
        assertThat(page.items()).extracting(ScheduleView::name).containsExactly("a", "b");
        assertThat(catalog.list(user(viewer), "ops", page.nextCursor(), 2).items()).extracting(ScheduleView::name)
                .containsExactly("c");
        assertThat(catalog.get(user(viewer), "ops", stored("a").id()).name()).isEqualTo("a");
        assertThatThrownBy(() -> catalog.list(user(UUID.randomUUID()), "ops", Optional.empty(), 2))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThatThrownBy(() -> catalog.get(user(viewer), "ops", UUID.randomUUID()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("schedule_not_found"));
    }

    @Test
    void an_operator_disables_a_schedule_through_a_command_and_the_flag_follows_at_once() {
        catalog.report(project, agent, List.of(snapshot("2026-05-13T09:00:00Z", List.of(schedule("nightly", "*")))));
        UUID id = stored("nightly").id();

        ScheduleCommand result = catalog.act(user(operator), "ops", id, "disable");

        assertThat(issued).containsExactly("schedule-disable");
        assertThat(requests.get(0)).containsEntry("schedule_id", id.toString()).containsEntry("schedule_name",
                "nightly").containsEntry("scheduler", "celery-beat").containsEntry("engine", "celery");
        assertThat(result.schedule().enabled()).isFalse();
        catalog.act(user(operator), "ops", id, "trigger");
        assertThat(issued).containsExactly("schedule-disable", "schedule-trigger");
        assertThat(stored("nightly").enabled()).as("a trigger leaves the flag").isFalse();
    }

    @Test
    void a_viewer_cannot_switch_schedules_and_unknown_ones_or_actions_are_refused() {
        catalog.report(project, agent, List.of(snapshot("2026-05-13T09:00:00Z", List.of(schedule("nightly", "*")))));
        UUID id = stored("nightly").id();
        assertThatThrownBy(() -> catalog.act(user(viewer), "ops", id, "enable"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThatThrownBy(() -> catalog.act(user(operator), "ops", UUID.randomUUID(), "enable"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("schedule_not_found"));
        assertThatThrownBy(() -> catalog.act(user(operator), "ops", id, "delete"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("unknown_action"));
        assertThat(issued).isEmpty();
        assertThat(stored("nightly").enabled()).isTrue();
    }

    final class RecordingCommands implements Commands {
        @Override
        public IssuedCommand issue(Caller caller, String projectSlug, String action, Map<String, Object> request) {
            issued.add(action);
            requests.add(request);
            Instant now = clock.instant();
            return new IssuedCommand(new CommandView(UUID.randomUUID(), project, Optional.of(agent), Optional.empty(),
                    "user", Optional.empty(), action, "schedule", Optional.of((String) request.get("schedule_id")),
                    Map.of(), Optional.empty(), "dispatched", Optional.empty(), Optional.empty(), now,
                    Optional.of(now), Optional.empty(), now.plusSeconds(60)), true);
        }

        @Override
        public CommandPage list(Caller caller, String projectSlug, Optional<String> status, Optional<String> cursor,
                                int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandView get(Caller caller, String projectSlug, UUID commandId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int sweepTimeouts() {
            throw new UnsupportedOperationException();
        }
    }

    /** The schedule store in memory with the JDBC store's rules (newer reports win). */
    final class Store implements ScheduleStore {
        final Map<UUID, ScheduleView> rows = new LinkedHashMap<>();

        @Override
        public void upsert(Collection<ScheduleView> schedules) {
            transactions.requireOpen("schedules are written inside a transaction");
            for (ScheduleView s : schedules) {
                ScheduleView old = rows.get(s.id());
                if (old == null || !old.reportedAt().isAfter(s.reportedAt())) {
                    rows.put(s.id(), old == null ? s : new ScheduleView(s.id(), s.projectId(), s.engine(),
                            s.scheduler(), s.name(), s.taskName(), s.kind(), s.expression(), s.timezone(), s.queue(),
                            s.args(), s.kwargs(), s.enabled(), s.lastRunAt(), s.nextRunAt(), s.totalRuns(),
                            s.externalId(), s.reportedAt(), old.createdAt(), s.updatedAt()));
                }
            }
        }

        @Override
        public int deleteAbsent(UUID projectId, String scheduler, Collection<String> keep) {
            int before = rows.size();
            rows.values().removeIf(s -> s.projectId().equals(projectId) && s.scheduler().equals(scheduler)
                    && !keep.contains(s.name()));
            return before - rows.size();
        }

        @Override
        public boolean delete(UUID projectId, String scheduler, String name) {
            return rows.values().removeIf(s -> s.projectId().equals(projectId) && s.scheduler().equals(scheduler)
                    && s.name().equals(name));
        }

        @Override
        public Optional<ScheduleView> find(UUID projectId, UUID scheduleId) {
            return Optional.ofNullable(rows.get(scheduleId)).filter(s -> s.projectId().equals(projectId));
        }

        @Override
        public List<ScheduleView> list(UUID projectId, Optional<UUID> afterId, int limit) {
            Comparator<ScheduleView> order = Comparator.comparing(ScheduleView::scheduler)
                    .thenComparing(ScheduleView::name);
            Optional<ScheduleView> after = afterId.map(rows::get);
            return rows.values().stream().filter(s -> s.projectId().equals(projectId))
                    .filter(s -> after.map(a -> order.compare(s, a) > 0).orElse(true))
                    .sorted(order).limit(limit).toList();
        }

        @Override
        public boolean setEnabled(UUID projectId, UUID scheduleId, boolean enabled, Instant now) {
            transactions.requireOpen("schedules are written inside a transaction");
            ScheduleView s = rows.get(scheduleId);
            if (s == null || !s.projectId().equals(projectId)) {
                return false;
            }
            rows.put(scheduleId, new ScheduleView(s.id(), s.projectId(), s.engine(), s.scheduler(), s.name(),
                    s.taskName(), s.kind(), s.expression(), s.timezone(), s.queue(), s.args(), s.kwargs(), enabled,
                    s.lastRunAt(), s.nextRunAt(), s.totalRuns(), s.externalId(), s.reportedAt(), s.createdAt(), now));
            return true;
        }
    }
}
