package dev.z4j.domain.agents;

import dev.z4j.ports.agents.AgentSessions;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.AgentSessionsEnded;
import java.util.UUID;

/**
 * The sessions of an agent on every replica: ending them closes this replica's at once, then tells the others over
 * the bus, which close theirs as the notice arrives. A replica that missed the notice still closes the session at
 * its next heartbeat, when the credential no longer checks out (SPEC §5: at the latest one heartbeat later).
 */
public final class ClusterAgentSessions implements AgentSessions, ClusterBus.Listener {

    private final AgentSessions local;
    private final ClusterBus bus;

    /** @param local this replica's live sessions */
    public ClusterAgentSessions(AgentSessions local, ClusterBus bus) {
        this.local = local;
        this.bus = bus;
    }

    @Override
    public void terminate(UUID agentId, long throughGeneration) {
        local.terminate(agentId, throughGeneration);
        bus.publish(new AgentSessionsEnded(agentId, throughGeneration));
    }

    /** Another replica ended an agent's credentials: close its sessions held here. */
    @Override
    public void received(ClusterNotice notice) {
        if (notice instanceof AgentSessionsEnded ended) {
            local.terminate(ended.agentId(), ended.throughGeneration());
        }
    }
}
