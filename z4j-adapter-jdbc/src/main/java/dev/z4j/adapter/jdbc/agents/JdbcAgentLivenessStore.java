package dev.z4j.adapter.jdbc.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.JsonText;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentLivenessStore;
import dev.z4j.ports.agents.AgentState;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.WorkerConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** Liveness columns of {@code agents} and the rows of {@code agent_workers}. */
public final class JdbcAgentLivenessStore implements AgentLivenessStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, List<String>>> CAPABILITIES = new TypeReference<>() { };
    /** What an agent run from source reports; it must not overwrite a real version. */
    private static final String UNRELEASED_VERSION = "0.0.0";

    private final Database database;

    public JdbcAgentLivenessStore(Database database) {
        this.database = database;
    }

    @Override
    public void recordConnect(UUID agentId, UUID projectId, AgentInventory inventory, WorkerConnection worker, Instant at) {
        String version = inventory.agentVersion();
        boolean realVersion = !version.isEmpty() && !version.equals(UNRELEASED_VERSION);
        database.write(h -> {
            h.createUpdate("UPDATE agents SET state = 'online', last_connect_at = :at, last_seen_at = :at, "
                            + "protocol_version = :protocol, framework = :framework, engines = :engines, "
                            + "schedulers = :schedulers, capabilities = :capabilities, host_name = :host"
                            + (realVersion ? ", agent_version = :version" : "") + " WHERE id = :id")
                    .bind("id", agentId)
                    .bind("at", at)
                    .bind("protocol", inventory.protocolVersion())
                    .bind("framework", inventory.framework().isEmpty() ? "unknown" : inventory.framework())
                    .bind("engines", JsonText.of(inventory.engines()))
                    .bind("schedulers", JsonText.of(inventory.schedulers()))
                    .bind("capabilities", JsonText.of(inventory.capabilities()))
                    .bind("host", inventory.hostName().orElse(null))
                    .bind("version", version)
                    .execute();
            return h.createUpdate("INSERT INTO agent_workers (agent_id, worker_id, project_id, role, pid, started_at, "
                            + "state, last_seen_at, last_connect_at) VALUES (:agent, :worker, :project, :role, :pid, "
                            + ":started, 'online', :at, :at) ON CONFLICT (agent_id, worker_id) DO UPDATE SET "
                            + "role = excluded.role, pid = excluded.pid, started_at = excluded.started_at, "
                            + "state = 'online', last_seen_at = excluded.last_seen_at, "
                            + "last_connect_at = excluded.last_connect_at")
                    .bind("agent", agentId)
                    .bind("worker", worker.workerKey())
                    .bind("project", projectId)
                    .bind("role", worker.role().orElse(null))
                    .bind("pid", worker.pid().orElse(null))
                    .bind("started", worker.startedAt().orElse(null))
                    .bind("at", at)
                    .execute();
        });
    }

    @Override
    public void recordSeen(Collection<Seen> seen) {
        database.write(h -> {
            PreparedBatch agents = h.prepareBatch("UPDATE agents SET state = 'online', last_seen_at = CASE "
                    + "WHEN last_seen_at IS NULL OR last_seen_at < :at THEN :at ELSE last_seen_at END WHERE id = :agent");
            PreparedBatch workers = h.prepareBatch("UPDATE agent_workers SET state = 'online', last_seen_at = CASE "
                    + "WHEN last_seen_at < :at THEN :at ELSE last_seen_at END "
                    + "WHERE agent_id = :agent AND worker_id = :worker");
            for (Seen s : seen) {
                agents.bind("agent", s.agentId()).bind("at", s.at()).add();
                workers.bind("agent", s.agentId()).bind("worker", s.workerKey()).bind("at", s.at()).add();
            }
            agents.execute();
            return workers.execute();
        });
    }

    @Override
    public void recordDisconnect(UUID agentId, String workerKey, Instant connectedAt, boolean agentOffline) {
        database.write(h -> {
            h.createUpdate("UPDATE agent_workers SET state = 'offline' WHERE agent_id = :agent AND worker_id = :worker "
                            + "AND last_connect_at <= :connected")
                    .bind("agent", agentId).bind("worker", workerKey).bind("connected", connectedAt)
                    .execute();
            if (!agentOffline) {
                return 0;
            }
            return h.createUpdate("UPDATE agents SET state = 'offline' WHERE id = :agent AND state = 'online' "
                            + "AND (last_connect_at IS NULL OR last_connect_at <= :connected)")
                    .bind("agent", agentId).bind("connected", connectedAt)
                    .execute();
        });
    }

    @Override
    public int markSilentOffline(Instant cutoff) {
        return database.write(h -> {
            h.createUpdate("UPDATE agent_workers SET state = 'offline' WHERE state = 'online' AND last_seen_at < :cutoff")
                    .bind("cutoff", cutoff).execute();
            return h.createUpdate("UPDATE agents SET state = 'offline' WHERE state = 'online' AND last_seen_at < :cutoff")
                    .bind("cutoff", cutoff).execute();
        });
    }

    @Override
    public Map<UUID, AgentStatus> statuses(UUID projectId) {
        return database.read(h -> {
            Map<UUID, AgentStatus> result = new LinkedHashMap<>();
            h.createQuery("SELECT id, state, protocol_version, agent_version, framework, engines, schedulers, "
                            + "capabilities, host_name, last_seen_at, last_connect_at FROM agents "
                            + "WHERE project_id = :project ORDER BY created_at, name")
                    .bind("project", projectId)
                    .map((rs, ctx) -> Map.entry(ctx.findColumnMapperFor(UUID.class).orElseThrow().map(rs, "id", ctx),
                            status(rs, ctx)))
                    .forEach(e -> result.put(e.getKey(), e.getValue()));
            return result;
        });
    }

    private static AgentStatus status(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AgentStatus(
                AgentState.fromWire(rs.getString("state")),
                rs.getString("protocol_version"),
                Optional.ofNullable(rs.getString("agent_version")),
                rs.getString("framework"),
                JsonText.parse(rs.getString("engines"), STRINGS, "agents"),
                JsonText.parse(rs.getString("schedulers"), STRINGS, "agents"),
                JsonText.parse(rs.getString("capabilities"), CAPABILITIES, "agents"),
                Optional.ofNullable(rs.getString("host_name")),
                Optional.ofNullable(instant(rs, "last_seen_at", ctx)),
                Optional.ofNullable(instant(rs, "last_connect_at", ctx)));
    }

    private static Instant instant(ResultSet rs, String column, StatementContext ctx) throws SQLException {
        return ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, column, ctx);
    }
}
