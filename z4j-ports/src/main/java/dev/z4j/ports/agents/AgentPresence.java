package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * In-port: what live agent sessions tell the brain about presence, and the presence it derives. An agent is
 * {@code online} from its handshake, stays so while it heartbeats, and goes {@code offline} when its last session
 * on this brain closes or when it has been silent longer than the offline timeout (Z4J_AGENT_OFFLINE_TIMEOUT_SECONDS).
 */
public interface AgentPresence {

    /** A session finished its handshake: the agent and this worker are online, the inventory is recorded. */
    void connected(AgentPrincipal agent, AgentInventory inventory, WorkerConnection worker, Instant connectedAt);

    /** A heartbeat arrived. Cheap: recorded in memory, written by the next {@link #sweep}. */
    void heartbeat(AgentPrincipal agent, String workerKey);

    /**
     * A session closed. The worker goes offline, and the agent too when this was its last session here, unless a
     * newer connection was recorded since {@code connectedAt}.
     */
    void disconnected(AgentPrincipal agent, String workerKey, Instant connectedAt, boolean lastSessionHere);

    /**
     * Writes the heartbeats seen since the last sweep, then, on the cluster's leader, marks agents and workers silent
     * too long offline.
     */
    void sweep();

    /** The recorded presence of every agent of the project. */
    Map<UUID, AgentStatus> statuses(UUID projectId);
}
