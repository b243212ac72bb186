package dev.z4j.ports.agents;

/** The project already has an agent with this name. */
public final class AgentNameTakenException extends RuntimeException {

    public AgentNameTakenException(String name) {
        super("an agent named '" + name + "' already exists in this project", null, false, false);
    }
}
