package dev.z4j.ports.commands;

import java.util.UUID;

/**
 * Out-port: pushes a command to a live connection of its agent. The local implementation uses this brain's
 * connections; the scale-out one also reaches the replica that holds the agent.
 */
public interface AgentChannel {

    /** Signs and sends the command on one live connection of the agent; false when the agent has none here. */
    boolean deliver(AgentCommand command);

    /**
     * Whether a command for the agent can reach it now: a WebSocket session that finished its handshake, or a
     * long-poll agent that polled recently. Issuing to an agent that is not reachable is refused (503
     * {@code agent_offline}).
     */
    boolean reachable(UUID agentId);
}
