package dev.z4j.adapter.jdbc.agents;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.agents.AgentReplicas;
import dev.z4j.ports.system.ReplicaRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The rows of {@code agent_replicas} for one replica. Holders are read only among replicas seen within
 * {@link ReplicaRegistry#PRESUMED_DEAD_AFTER}, so the rows a killed replica left behind stop counting by themselves.
 */
public final class JdbcAgentReplicas implements AgentReplicas {

    private final Database database;
    private final String replicaId;
    private final Clock clock;

    public JdbcAgentReplicas(Database database, String replicaId, Clock clock) {
        this.database = database;
        this.replicaId = replicaId;
        this.clock = clock;
    }

    /** Without this replica's own row (forgotten while it could not reach the database) there is nothing to attach to. */
    @Override
    public void attach(UUID agentId) {
        database.write(h -> h.createUpdate("INSERT INTO agent_replicas (agent_id, replica_id, attached_at) "
                        + "SELECT :agent, id, :at FROM cluster_replicas WHERE id = :replica "
                        + "ON CONFLICT (agent_id, replica_id) DO NOTHING")
                .bind("agent", agentId).bind("replica", replicaId).bind("at", clock.instant())
                .execute());
    }

    @Override
    public void detach(UUID agentId) {
        database.write(h -> h.createUpdate("DELETE FROM agent_replicas WHERE agent_id = :agent AND replica_id = :replica")
                .bind("agent", agentId).bind("replica", replicaId)
                .execute());
    }

    @Override
    public Set<String> holders(UUID agentId) {
        Instant alive = clock.instant().minus(ReplicaRegistry.PRESUMED_DEAD_AFTER);
        return database.read(h -> new LinkedHashSet<>(h.createQuery("SELECT a.replica_id FROM agent_replicas a "
                        + "JOIN cluster_replicas r ON r.id = a.replica_id "
                        + "WHERE a.agent_id = :agent AND r.last_seen_at >= :alive ORDER BY a.replica_id")
                .bind("agent", agentId).bind("alive", alive)
                .mapTo(String.class).list()));
    }
}
