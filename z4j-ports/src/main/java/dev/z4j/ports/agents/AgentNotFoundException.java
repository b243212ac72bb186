package dev.z4j.ports.agents;

import java.util.UUID;

/** No agent with this id in this project (an agent of another project is not found either). */
public final class AgentNotFoundException extends RuntimeException {

    public AgentNotFoundException(UUID agentId) {
        super("agent " + agentId + " not found in this project", null, false, false);
    }
}
