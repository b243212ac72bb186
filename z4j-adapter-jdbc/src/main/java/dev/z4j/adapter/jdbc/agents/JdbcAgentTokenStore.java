package dev.z4j.adapter.jdbc.agents;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.agents.AgentToken;
import dev.z4j.ports.agents.AgentTokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** Agents' live credentials in table {@code agent_tokens}: the keyed hash, never the token. */
public final class JdbcAgentTokenStore implements AgentTokenStore {

    private static final String COLUMNS = "agent_id, token_hash, generation, issued_at";

    private final Database database;

    public JdbcAgentTokenStore(Database database) {
        this.database = database;
    }

    @Override
    public void replace(AgentToken token) {
        database.write(h -> {
            h.createUpdate("DELETE FROM agent_tokens WHERE agent_id = :agent").bind("agent", token.agentId()).execute();
            return h.createUpdate("INSERT INTO agent_tokens (" + COLUMNS + ") VALUES (:agent, :hash, :generation, :issued)")
                    .bind("agent", token.agentId())
                    .bind("hash", token.tokenHash())
                    .bind("generation", token.generation())
                    .bind("issued", token.issuedAt())
                    .execute();
        });
    }

    @Override
    public boolean deleteForAgent(UUID agentId) {
        return database.write(h -> h.createUpdate("DELETE FROM agent_tokens WHERE agent_id = :agent")
                .bind("agent", agentId).execute()) == 1;
    }

    @Override
    public Optional<AgentToken> findByHash(String tokenHash) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM agent_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map(JdbcAgentTokenStore::token)
                .findOne());
    }

    @Override
    public Optional<AgentToken> findForAgent(UUID agentId) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM agent_tokens WHERE agent_id = :agent")
                .bind("agent", agentId)
                .map(JdbcAgentTokenStore::token)
                .findOne());
    }

    private static AgentToken token(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AgentToken(
                ctx.findColumnMapperFor(UUID.class).orElseThrow().map(rs, "agent_id", ctx),
                rs.getString("token_hash"),
                rs.getLong("generation"),
                ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "issued_at", ctx));
    }
}
