package dev.z4j.adapter.jdbc.commands;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.JsonText;
import dev.z4j.ports.commands.CommandStore;
import dev.z4j.ports.commands.CommandView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** Commands in table {@code commands} (migration V7). */
public final class JdbcCommandStore implements CommandStore {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, project_id, agent_id, issued_by, issuer_type, issuer_id, action, "
            + "target_type, target_id, payload, idempotency_key, status, result, error, issued_at, dispatched_at, "
            + "completed_at, timeout_at";
    private static final String OPEN = "status IN ('pending', 'dispatched')";

    private final Database database;

    public JdbcCommandStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean insert(CommandView c) {
        return database.write(h -> uuid(uuid(h.createUpdate("INSERT INTO commands (" + COLUMNS + ") VALUES (:id, "
                        + ":project, :agent, :issuedBy, :issuerType, :issuerId, :action, :targetType, :targetId, "
                        + ":payload, :key, :status, :result, :error, :issuedAt, :dispatchedAt, :completedAt, "
                        + ":timeoutAt) ON CONFLICT DO NOTHING"), "agent", c.agentId()), "issuedBy", c.issuedBy())
                .bind("id", c.id())
                .bind("project", c.projectId())
                .bind("issuerType", c.issuerType())
                .bind("issuerId", c.issuerId().orElse(null))
                .bind("action", c.action())
                .bind("targetType", c.targetType())
                .bind("targetId", c.targetId().orElse(null))
                .bind("payload", JsonText.of(c.payload()))
                .bind("key", c.idempotencyKey().orElse(null))
                .bind("status", c.status())
                .bindByType("result", c.result().map(JsonText::of).orElse(null), JsonText.class)
                .bind("error", c.error().orElse(null))
                .bind("issuedAt", c.issuedAt())
                .bindByType("dispatchedAt", c.dispatchedAt().orElse(null), Instant.class)
                .bindByType("completedAt", c.completedAt().orElse(null), Instant.class)
                .bind("timeoutAt", c.timeoutAt())
                .execute()) == 1;
    }

    /** A nullable UUID column: PostgreSQL wants a typed null for {@code uuid}. */
    private Update uuid(Update update, String name, Optional<UUID> value) {
        return value.isPresent() ? update.bind(name, value.get())
                : update.bindNull(name, database.dialect() == Dialect.POSTGRESQL ? Types.OTHER : Types.VARCHAR);
    }

    @Override
    public Optional<CommandView> find(UUID projectId, UUID commandId) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM commands WHERE id = :id "
                        + "AND project_id = :project")
                .bind("id", commandId)
                .bind("project", projectId)
                .map(JdbcCommandStore::command)
                .findOne());
    }

    @Override
    public Optional<CommandView> findByIdempotencyKey(UUID projectId, String idempotencyKey) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM commands WHERE project_id = :project "
                        + "AND idempotency_key = :key")
                .bind("project", projectId)
                .bind("key", idempotencyKey)
                .map(JdbcCommandStore::command)
                .findOne());
    }

    @Override
    public List<CommandView> list(UUID projectId, Optional<String> status, Optional<Position> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM commands WHERE project_id = :project");
        status.ifPresent(s -> sql.append(" AND status = :status"));
        after.ifPresent(p -> sql.append(" AND (issued_at < :at OR (issued_at = :at AND id < :afterId))"));
        sql.append(" ORDER BY issued_at DESC, id DESC LIMIT :limit");
        return database.read(h -> {
            var query = h.createQuery(sql.toString()).bind("project", projectId).bind("limit", limit);
            status.ifPresent(s -> query.bind("status", s));
            after.ifPresent(p -> query.bind("at", p.issuedAt()).bind("afterId", p.id()));
            return query.map(JdbcCommandStore::command).list();
        });
    }

    @Override
    public List<CommandView> pending(UUID agentId, Instant now, int limit) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM commands WHERE agent_id = :agent "
                        + "AND status = 'pending' AND timeout_at > :now ORDER BY issued_at, id LIMIT :limit")
                .bind("agent", agentId)
                .bind("now", now)
                .bind("limit", limit)
                .map(JdbcCommandStore::command)
                .list());
    }

    @Override
    public List<CommandView> unacknowledged(UUID agentId, Instant since, Instant now, int limit) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM commands WHERE agent_id = :agent "
                        + "AND status = 'dispatched' AND acknowledged_at IS NULL AND dispatched_at >= :since "
                        + "AND timeout_at > :now ORDER BY issued_at, id LIMIT :limit")
                .bind("agent", agentId)
                .bind("since", since)
                .bind("now", now)
                .bind("limit", limit)
                .map(JdbcCommandStore::command)
                .list());
    }

    @Override
    public boolean markDispatched(UUID commandId, Instant now) {
        return database.write(h -> h.createUpdate("UPDATE commands SET status = 'dispatched', dispatched_at = :now "
                        + "WHERE id = :id AND status = 'pending' AND timeout_at > :now")
                .bind("id", commandId)
                .bind("now", now)
                .execute()) == 1;
    }

    @Override
    public boolean markUndelivered(UUID commandId) {
        return database.write(h -> h.createUpdate("UPDATE commands SET status = 'pending', dispatched_at = NULL "
                        + "WHERE id = :id AND status = 'dispatched' AND acknowledged_at IS NULL")
                .bind("id", commandId)
                .execute()) == 1;
    }

    @Override
    public boolean acknowledge(UUID projectId, UUID agentId, UUID commandId, Instant now) {
        return database.write(h -> h.createUpdate("UPDATE commands SET status = 'dispatched', "
                        + "dispatched_at = COALESCE(dispatched_at, :now), acknowledged_at = COALESCE(acknowledged_at, :now) "
                        + "WHERE id = :id AND project_id = :project AND agent_id = :agent AND " + OPEN
                        + " AND timeout_at > :now")
                .bind("id", commandId)
                .bind("project", projectId)
                .bind("agent", agentId)
                .bind("now", now)
                .execute()) == 1;
    }

    @Override
    public boolean finish(UUID projectId, UUID agentId, UUID commandId, Outcome outcome, Instant now) {
        return database.write(h -> h.createUpdate("UPDATE commands SET status = :status, result = :result, "
                        + "error = :error, completed_at = :now, dispatched_at = COALESCE(dispatched_at, :now) "
                        + "WHERE id = :id AND project_id = :project AND agent_id = :agent AND " + OPEN
                        + " AND timeout_at > :now")
                .bind("status", outcome.status())
                .bindByType("result", outcome.result().map(JsonText::of).orElse(null), JsonText.class)
                .bind("error", outcome.error().orElse(null))
                .bind("id", commandId)
                .bind("project", projectId)
                .bind("agent", agentId)
                .bind("now", now)
                .execute()) == 1;
    }

    @Override
    public List<CommandView> expire(Instant now, String error) {
        return database.write(h -> h.createQuery("UPDATE commands SET status = 'timeout', completed_at = :now, "
                        + "error = :error WHERE " + OPEN + " AND timeout_at <= :now RETURNING " + COLUMNS)
                .bind("now", now)
                .bind("error", error)
                .map(JdbcCommandStore::command)
                .list());
    }

    @Override
    public Optional<TaskOrigin> task(UUID projectId, String engine, String taskId) {
        return database.read(h -> h.createQuery("SELECT name, args, kwargs, priority FROM tasks "
                        + "WHERE project_id = :project AND engine = :engine AND task_id = :task")
                .bind("project", projectId)
                .bind("engine", engine)
                .bind("task", taskId)
                .map((rs, ctx) -> new TaskOrigin(Optional.ofNullable(rs.getString("name")),
                        Optional.ofNullable(any(rs.getString("args"))),
                        Optional.ofNullable(any(rs.getString("kwargs"))),
                        Optional.ofNullable(rs.getString("priority"))))
                .findOne());
    }

    private static Object any(String json) {
        return json == null ? null : JsonText.parse(json, ANY, "tasks");
    }

    private static CommandView command(ResultSet rs, StatementContext ctx) throws SQLException {
        var uuids = ctx.findColumnMapperFor(UUID.class).orElseThrow();
        var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        String result = rs.getString("result");
        return new CommandView(
                uuids.map(rs, "id", ctx),
                uuids.map(rs, "project_id", ctx),
                Optional.ofNullable(uuids.map(rs, "agent_id", ctx)),
                Optional.ofNullable(uuids.map(rs, "issued_by", ctx)),
                rs.getString("issuer_type"),
                Optional.ofNullable(rs.getString("issuer_id")),
                rs.getString("action"),
                rs.getString("target_type"),
                Optional.ofNullable(rs.getString("target_id")),
                JsonText.parse(rs.getString("payload"), OBJECT, "commands"),
                Optional.ofNullable(rs.getString("idempotency_key")),
                rs.getString("status"),
                result == null ? Optional.empty() : Optional.of(JsonText.parse(result, OBJECT, "commands")),
                Optional.ofNullable(rs.getString("error")),
                instants.map(rs, "issued_at", ctx),
                Optional.ofNullable(instants.map(rs, "dispatched_at", ctx)),
                Optional.ofNullable(instants.map(rs, "completed_at", ctx)),
                instants.map(rs, "timeout_at", ctx));
    }
}
