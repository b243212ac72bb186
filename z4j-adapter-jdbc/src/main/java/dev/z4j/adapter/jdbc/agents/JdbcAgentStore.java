package dev.z4j.adapter.jdbc.agents;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.UniqueViolations;
import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.agents.AgentStore;
import dev.z4j.ports.support.Refusal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** Agent identity rows in table {@code agents}. */
public final class JdbcAgentStore implements AgentStore {

    private static final String COLUMNS = "id, project_id, name, created_at, credential_generation";

    private final Database database;

    public JdbcAgentStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Agent agent) {
        try {
            database.write(h -> h.createUpdate("INSERT INTO agents (id, project_id, name, created_at, "
                            + "credential_generation) VALUES (:id, :project, :name, :created, :generation)")
                    .bind("id", agent.id())
                    .bind("project", agent.projectId())
                    .bind("name", agent.name())
                    .bind("created", agent.createdAt())
                    .bind("generation", agent.credentialGeneration())
                    .execute());
        } catch (RuntimeException e) {
            if (UniqueViolations.isUniqueViolation(e)) {
                throw Refusal.conflict("agent_name_taken", "an agent named '" + agent.name()
                        + "' already exists in this project");
            }
            throw e;
        }
    }

    @Override
    public Optional<Agent> find(UUID agentId) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM agents WHERE id = :id")
                .bind("id", agentId)
                .map(JdbcAgentStore::agent)
                .findOne());
    }

    @Override
    public Optional<Agent> findByName(UUID projectId, String name) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM agents WHERE project_id = :project "
                        + "AND name = :name")
                .bind("project", projectId)
                .bind("name", name)
                .map(JdbcAgentStore::agent)
                .findOne());
    }

    @Override
    public List<Agent> listByProject(UUID projectId) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM agents WHERE project_id = :project "
                        + "ORDER BY created_at, name")
                .bind("project", projectId)
                .map(JdbcAgentStore::agent)
                .list());
    }

    @Override
    public long advanceCredentialGeneration(UUID agentId) {
        return database.write(h -> {
            int updated = h.createUpdate("UPDATE agents SET credential_generation = credential_generation + 1 "
                            + "WHERE id = :id")
                    .bind("id", agentId)
                    .execute();
            if (updated != 1) {
                throw new IllegalStateException("agent " + agentId + " does not exist");
            }
            return h.createQuery("SELECT credential_generation FROM agents WHERE id = :id")
                    .bind("id", agentId)
                    .mapTo(Long.class)
                    .one();
        });
    }

    @Override
    public boolean delete(UUID agentId) {
        return database.write(h -> h.createUpdate("DELETE FROM agents WHERE id = :id").bind("id", agentId).execute()) == 1;
    }

    private static Agent agent(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Agent(
                ctx.findColumnMapperFor(UUID.class).orElseThrow().map(rs, "id", ctx),
                ctx.findColumnMapperFor(UUID.class).orElseThrow().map(rs, "project_id", ctx),
                rs.getString("name"),
                ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx),
                rs.getLong("credential_generation"));
    }
}
