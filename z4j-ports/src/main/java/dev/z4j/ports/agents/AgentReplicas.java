package dev.z4j.ports.agents;

import java.util.Set;
import java.util.UUID;

/**
 * Out-port: which brain replicas hold live WebSocket sessions of which agent (SPEC §8), so a command issued on one
 * replica reaches the one holding its agent. Bound to this replica. A replica presumed dead
 * ({@link dev.z4j.ports.system.ReplicaRegistry#PRESUMED_DEAD_AFTER}) holds nothing any more.
 */
public interface AgentReplicas {

    /** This replica now holds at least one session of the agent. */
    void attach(UUID agentId);

    /** This replica holds no session of the agent any more. */
    void detach(UUID agentId);

    /** The live replicas holding a session of the agent, this one included. */
    Set<String> holders(UUID agentId);
}
