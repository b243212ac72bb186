package dev.z4j.ports.agents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: agent identity rows. Writes join the caller's transaction. */
public interface AgentStore {

    /** @throws dev.z4j.ports.support.Refusal CONFLICT {@code agent_name_taken} when the project has an agent of that name */
    void insert(Agent agent);

    Optional<Agent> find(UUID agentId);

    Optional<Agent> findByName(UUID projectId, String name);

    /** Oldest first. */
    List<Agent> listByProject(UUID projectId);

    /** Adds one to the agent's credential generation and returns the new value. */
    long advanceCredentialGeneration(UUID agentId);

    /** Removes the agent; true when it existed. */
    boolean delete(UUID agentId);
}
