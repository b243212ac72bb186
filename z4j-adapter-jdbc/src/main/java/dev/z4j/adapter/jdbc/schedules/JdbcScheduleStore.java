package dev.z4j.adapter.jdbc.schedules;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.JsonText;
import dev.z4j.ports.schedules.ScheduleStore;
import dev.z4j.ports.schedules.ScheduleView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** Schedules in table {@code schedules} (migration V7_1). */
public final class JdbcScheduleStore implements ScheduleStore {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, project_id, engine, scheduler, name, task_name, kind, expression, "
            + "timezone, queue, args, kwargs, is_enabled, last_run_at, next_run_at, total_runs, external_id, "
            + "reported_at, created_at, updated_at";
    private static final String UPDATED = "engine, task_name, kind, expression, timezone, queue, args, kwargs, "
            + "is_enabled, last_run_at, next_run_at, total_runs, external_id, reported_at, updated_at";

    private final Database database;

    public JdbcScheduleStore(Database database) {
        this.database = database;
    }

    @Override
    public void upsert(Collection<ScheduleView> schedules) {
        StringBuilder set = new StringBuilder();
        for (String column : UPDATED.split(", ")) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = excluded.").append(column);
        }
        String sql = "INSERT INTO schedules (" + COLUMNS + ") VALUES (:id, :project, :engine, :scheduler, :name, "
                + ":taskName, :kind, :expression, :timezone, :queue, :args, :kwargs, :enabled, :lastRun, :nextRun, "
                + ":totalRuns, :externalId, :reportedAt, :createdAt, :updatedAt) ON CONFLICT (id) DO UPDATE SET "
                + set + " WHERE schedules.reported_at <= excluded.reported_at";
        database.write(h -> {
            for (ScheduleView s : schedules) {
                h.createUpdate(sql)
                        .bind("id", s.id())
                        .bind("project", s.projectId())
                        .bind("engine", s.engine())
                        .bind("scheduler", s.scheduler())
                        .bind("name", s.name())
                        .bind("taskName", s.taskName())
                        .bind("kind", s.kind())
                        .bind("expression", s.expression())
                        .bind("timezone", s.timezone())
                        .bind("queue", s.queue().orElse(null))
                        .bind("args", JsonText.of(s.args()))
                        .bind("kwargs", JsonText.of(s.kwargs()))
                        .bind("enabled", s.enabled())
                        .bindByType("lastRun", s.lastRunAt().orElse(null), Instant.class)
                        .bindByType("nextRun", s.nextRunAt().orElse(null), Instant.class)
                        .bind("totalRuns", s.totalRuns())
                        .bind("externalId", s.externalId().orElse(null))
                        .bind("reportedAt", s.reportedAt())
                        .bind("createdAt", s.createdAt())
                        .bind("updatedAt", s.updatedAt())
                        .execute();
            }
            return null;
        });
    }

    @Override
    public int deleteAbsent(UUID projectId, String scheduler, Collection<String> keep) {
        return database.write(h -> {
            List<String> stored = h.createQuery("SELECT name FROM schedules WHERE project_id = :project "
                            + "AND scheduler = :scheduler")
                    .bind("project", projectId).bind("scheduler", scheduler).mapTo(String.class).list();
            int deleted = 0;
            for (String name : stored) {
                if (!keep.contains(name)) {
                    deleted += h.createUpdate("DELETE FROM schedules WHERE project_id = :project AND scheduler = "
                                    + ":scheduler AND name = :name")
                            .bind("project", projectId).bind("scheduler", scheduler).bind("name", name).execute();
                }
            }
            return deleted;
        });
    }

    @Override
    public boolean delete(UUID projectId, String scheduler, String name) {
        return database.write(h -> h.createUpdate("DELETE FROM schedules WHERE project_id = :project "
                        + "AND scheduler = :scheduler AND name = :name")
                .bind("project", projectId).bind("scheduler", scheduler).bind("name", name).execute()) == 1;
    }

    @Override
    public Optional<ScheduleView> find(UUID projectId, UUID scheduleId) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM schedules WHERE id = :id "
                        + "AND project_id = :project")
                .bind("id", scheduleId).bind("project", projectId)
                .map(JdbcScheduleStore::schedule).findOne());
    }

    @Override
    public List<ScheduleView> list(UUID projectId, Optional<UUID> afterId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM schedules WHERE project_id = :project"
                + (afterId.isPresent() ? " AND (scheduler, name) > (SELECT scheduler, name FROM schedules "
                + "WHERE id = :after)" : "") + " ORDER BY scheduler, name LIMIT :limit";
        return database.read(h -> {
            var query = h.createQuery(sql).bind("project", projectId).bind("limit", limit);
            afterId.ifPresent(id -> query.bind("after", id));
            return query.map(JdbcScheduleStore::schedule).list();
        });
    }

    @Override
    public boolean setEnabled(UUID projectId, UUID scheduleId, boolean enabled, Instant now) {
        return database.write(h -> h.createUpdate("UPDATE schedules SET is_enabled = :enabled, updated_at = :now "
                        + "WHERE id = :id AND project_id = :project")
                .bind("enabled", enabled).bind("now", now).bind("id", scheduleId).bind("project", projectId)
                .execute()) == 1;
    }

    private static ScheduleView schedule(ResultSet rs, StatementContext ctx) throws SQLException {
        var uuids = ctx.findColumnMapperFor(UUID.class).orElseThrow();
        var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new ScheduleView(
                uuids.map(rs, "id", ctx),
                uuids.map(rs, "project_id", ctx),
                rs.getString("engine"),
                rs.getString("scheduler"),
                rs.getString("name"),
                rs.getString("task_name"),
                rs.getString("kind"),
                rs.getString("expression"),
                rs.getString("timezone"),
                Optional.ofNullable(rs.getString("queue")),
                JsonText.parse(rs.getString("args"), ANY, "schedules"),
                JsonText.parse(rs.getString("kwargs"), OBJECT, "schedules"),
                rs.getBoolean("is_enabled"),
                Optional.ofNullable(instants.map(rs, "last_run_at", ctx)),
                Optional.ofNullable(instants.map(rs, "next_run_at", ctx)),
                rs.getLong("total_runs"),
                Optional.ofNullable(rs.getString("external_id")),
                instants.map(rs, "reported_at", ctx),
                instants.map(rs, "created_at", ctx),
                instants.map(rs, "updated_at", ctx));
    }
}
