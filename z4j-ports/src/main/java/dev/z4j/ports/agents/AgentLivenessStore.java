package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Out-port: the liveness columns of {@code agents} and the rows of {@code agent_workers}. */
public interface AgentLivenessStore {

    /**
     * The agent is online, connected and seen at {@code at}, with this inventory (an empty agent version or
     * {@code 0.0.0}, what an agent run from source reports, keeps the one recorded); the worker row is created or
     * refreshed as online.
     */
    void recordConnect(UUID agentId, UUID projectId, AgentInventory inventory, WorkerConnection worker, Instant at);

    /** Heartbeats: each agent and worker is online and last seen at the given time (never moved backwards). */
    void recordSeen(Collection<Seen> seen);

    /**
     * The worker is offline, and the agent too when {@code agentOffline}, each only if it has not connected again
     * after {@code connectedAt}.
     */
    void recordDisconnect(UUID agentId, String workerKey, Instant connectedAt, boolean agentOffline);

    /** Agents and workers online but last seen before {@code cutoff} go offline; returns how many agents did. */
    int markSilentOffline(Instant cutoff);

    Map<UUID, AgentStatus> statuses(UUID projectId);

    record Seen(UUID agentId, String workerKey, Instant at) {
        public Seen {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(workerKey, "workerKey");
            Objects.requireNonNull(at, "at");
        }
    }
}
