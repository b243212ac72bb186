package dev.z4j.ports.commands;

import java.util.List;
import java.util.UUID;

/**
 * In-port: commands collected by an agent that polls over HTTPS instead of holding a WebSocket. The service claims
 * pending commands of the agent (they become dispatched) and offers again those dispatched recently, since the
 * agent's first probe after connecting discards what it gets (reference §6); the agent deduplicates by id.
 */
public interface CommandPickup {

    /** At most {@code max} commands for this agent, oldest first; empty when none wait. */
    List<AgentCommand> claim(UUID projectId, UUID agentId, int max);
}
