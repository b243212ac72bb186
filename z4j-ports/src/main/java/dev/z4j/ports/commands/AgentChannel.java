package dev.z4j.ports.commands;

/**
 * Out-port: pushes a command to a live connection of its agent. The local implementation uses this brain's
 * connections; the scale-out one also reaches the replica that holds the agent.
 */
public interface AgentChannel {

    /** Signs and sends the command on one live connection of the agent; false when the agent has none here. */
    boolean deliver(AgentCommand command);
}
