package dev.z4j.domain.commands;

import dev.z4j.ports.agents.AgentReplicas;
import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice.CommandsWaiting;
import java.util.UUID;

/**
 * The channel to agents across replicas: a command goes out on this replica's connection when it holds the agent;
 * otherwise, when another live replica holds it, that replica is told over the bus ({@link CommandsWaiting}) and
 * pushes the agent's pending commands itself ({@link WaitingCommands}). {@link #deliver} then answers false, so the
 * command stays pending for the replica that holds the agent to claim.
 */
public final class ClusterAgentChannel implements AgentChannel {

    private final AgentChannel local;
    private final AgentReplicas replicas;
    private final ClusterBus bus;

    /** @param local this replica's connections (and polling agents) */
    public ClusterAgentChannel(AgentChannel local, AgentReplicas replicas, ClusterBus bus) {
        this.local = local;
        this.replicas = replicas;
        this.bus = bus;
    }

    @Override
    public boolean deliver(AgentCommand command) {
        if (local.deliver(command)) {
            return true;
        }
        if (!replicas.holders(command.agentId()).isEmpty()) {
            bus.publish(new CommandsWaiting(command.projectId(), command.agentId()));
        }
        return false;
    }

    /** Reachable here, or holding a session on another live replica. */
    @Override
    public boolean reachable(UUID agentId) {
        return local.reachable(agentId) || !replicas.holders(agentId).isEmpty();
    }
}
