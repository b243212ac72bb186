package dev.z4j.adapter.jdbc.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.schedules.ScheduleView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the {@code ScheduleStore} out-port, run on each database. */
abstract class ScheduleStoreContract {

    static final Instant T0 = Instant.parse("2026-05-13T10:00:00.123456Z");

    Database database;
    JdbcScheduleStore store;
    UUID project;
    UUID otherProject;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        store = new JdbcScheduleStore(database);
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

    static ScheduleView schedule(UUID id, UUID projectId, String scheduler, String name, String expression,
                                 boolean enabled, Instant reportedAt) {
        return new ScheduleView(id, projectId, "celery", scheduler, name, "app.report", "cron", expression, "UTC",
                Optional.of("reports"), List.of(1, "zwei ☃"), Map.of("dry_run", true), enabled,
                Optional.of(T0.minusSeconds(60)), Optional.of(T0.plusSeconds(60)), 7, Optional.of("ext-1"),
                reportedAt, reportedAt, reportedAt);
    }

    @Test
    void a_schedule_reads_back_as_written() {
        ScheduleView s = schedule(UUID.randomUUID(), project, "celery-beat", "nightly", "0 3 * * *", true, T0);
        store.upsert(List.of(s));
        assertThat(store.find(project, s.id())).contains(s);
        assertThat(store.find(otherProject, s.id())).isEmpty();
    }

    @Test
    void a_schedule_without_its_optional_fields_reads_back_as_written() {
        ScheduleView s = new ScheduleView(UUID.randomUUID(), project, "rq", "rq-scheduler", "bare", "", "interval",
                "60", "UTC", Optional.empty(), List.of(), Map.of(), false, Optional.empty(), Optional.empty(), 0,
                Optional.empty(), T0, T0, T0);
        store.upsert(List.of(s));
        assertThat(store.find(project, s.id())).contains(s);
    }

    @Test
    void a_newer_report_updates_and_an_older_one_does_not_and_created_at_stays() {
        UUID id = UUID.randomUUID();
        store.upsert(List.of(schedule(id, project, "celery-beat", "nightly", "0 3 * * *", true, T0)));
        store.upsert(List.of(schedule(id, project, "celery-beat", "nightly", "0 4 * * *", false, T0.plusSeconds(10))));
        store.upsert(List.of(schedule(id, project, "celery-beat", "nightly", "0 5 * * *", true, T0.plusSeconds(5))));

        ScheduleView stored = store.find(project, id).orElseThrow();
        assertThat(stored.expression()).isEqualTo("0 4 * * *");
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.reportedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void a_snapshot_deletes_only_the_absent_schedules_of_its_scheduler_and_project() {
        ScheduleView keep = schedule(UUID.randomUUID(), project, "celery-beat", "keep", "* * * * *", true, T0);
        ScheduleView gone = schedule(UUID.randomUUID(), project, "celery-beat", "gone", "* * * * *", true, T0);
        ScheduleView otherScheduler = schedule(UUID.randomUUID(), project, "rq-scheduler", "gone", "* * * * *", true, T0);
        ScheduleView otherProjects = schedule(UUID.randomUUID(), otherProject, "celery-beat", "gone", "* * * * *",
                true, T0);
        store.upsert(List.of(keep, gone, otherScheduler, otherProjects));

        assertThat(store.deleteAbsent(project, "celery-beat", List.of("keep"))).isEqualTo(1);

        assertThat(store.find(project, gone.id())).isEmpty();
        assertThat(store.find(project, keep.id())).isPresent();
        assertThat(store.find(project, otherScheduler.id())).isPresent();
        assertThat(store.find(otherProject, otherProjects.id())).isPresent();
        assertThat(store.delete(project, "celery-beat", "keep")).isTrue();
        assertThat(store.delete(project, "celery-beat", "keep")).isFalse();
    }

    @Test
    void the_list_pages_by_scheduler_and_name_and_the_enabled_flag_can_be_set() {
        ScheduleView b = schedule(UUID.randomUUID(), project, "celery-beat", "b", "* * * * *", true, T0);
        ScheduleView a = schedule(UUID.randomUUID(), project, "celery-beat", "a", "* * * * *", true, T0);
        ScheduleView c = schedule(UUID.randomUUID(), project, "rq-scheduler", "a", "* * * * *", true, T0);
        store.upsert(List.of(b, a, c, schedule(UUID.randomUUID(), otherProject, "x", "x", "*", true, T0)));

        assertThat(store.list(project, Optional.empty(), 2)).extracting(ScheduleView::id).containsExactly(a.id(), b.id());
        assertThat(store.list(project, Optional.of(b.id()), 2)).extracting(ScheduleView::id).containsExactly(c.id());

        assertThat(store.setEnabled(project, a.id(), false, T0.plusSeconds(1))).isTrue();
        assertThat(store.setEnabled(otherProject, a.id(), false, T0.plusSeconds(1))).isFalse();
        assertThat(store.find(project, a.id()).orElseThrow().enabled()).isFalse();
    }
}
