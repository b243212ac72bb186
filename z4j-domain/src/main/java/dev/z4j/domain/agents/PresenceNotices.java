package dev.z4j.domain.agents;

import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.ports.system.ChangeFeed;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Presence, telling live views when an agent connected or disconnected (after it was recorded). Heartbeats say
 * nothing new; the offline sweep does not know which projects its agents belong to, so an agent gone silent shows on
 * a dashboard's next refresh (its sessions closing, the usual case, is a disconnect and is told at once).
 */
public final class PresenceNotices implements AgentPresence {

    private final AgentPresence presence;
    private final ChangeFeed changes;

    public PresenceNotices(AgentPresence presence, ChangeFeed changes) {
        this.presence = presence;
        this.changes = changes;
    }

    @Override
    public void connected(AgentPrincipal agent, AgentInventory inventory, WorkerConnection worker, Instant connectedAt) {
        presence.connected(agent, inventory, worker, connectedAt);
        changes.publish(agent.projectId(), ChangeFeed.Topic.AGENT_CHANGED);
    }

    @Override
    public void heartbeat(AgentPrincipal agent, String workerKey) {
        presence.heartbeat(agent, workerKey);
    }

    @Override
    public void disconnected(AgentPrincipal agent, String workerKey, Instant connectedAt, boolean lastSessionHere) {
        presence.disconnected(agent, workerKey, connectedAt, lastSessionHere);
        changes.publish(agent.projectId(), ChangeFeed.Topic.AGENT_CHANGED);
    }

    @Override
    public void sweep() {
        presence.sweep();
    }

    @Override
    public Map<UUID, AgentStatus> statuses(UUID projectId) {
        return presence.statuses(projectId);
    }
}
