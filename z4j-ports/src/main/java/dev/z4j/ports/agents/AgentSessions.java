package dev.z4j.ports.agents;

import java.util.UUID;

/**
 * Out-port: the live connections of agents, across every brain replica. Called after a credential change commits.
 * The local implementation closes this brain's sessions; the scale-out one also tells the other replicas.
 */
public interface AgentSessions {

    /**
     * Closes every live session of the agent authenticated with a credential of generation {@code throughGeneration}
     * or older (close code 4003), and refuses such sessions that finish their handshake later.
     * {@link Long#MAX_VALUE} ends them all.
     */
    void terminate(UUID agentId, long throughGeneration);
}
