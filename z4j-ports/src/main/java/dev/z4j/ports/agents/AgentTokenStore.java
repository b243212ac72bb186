package dev.z4j.ports.agents;

import java.util.Optional;
import java.util.UUID;

/** Out-port: agents' live credentials, one row per agent at most. Writes join the caller's transaction. */
public interface AgentTokenStore {

    /** Stores this credential as the agent's only one, removing any earlier one. */
    void replace(AgentToken token);

    /** Removes the agent's credential; true when there was one. */
    boolean deleteForAgent(UUID agentId);

    Optional<AgentToken> findByHash(String tokenHash);

    Optional<AgentToken> findForAgent(UUID agentId);
}
