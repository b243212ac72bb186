package dev.z4j.domain.agents;

import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentLivenessStore;
import dev.z4j.ports.agents.AgentLivenessStore.Seen;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentReplicas;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.ports.system.ClusterLeadership;
import dev.z4j.ports.system.Transactions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agent presence. Connects and disconnects are written at once; heartbeats (one per agent worker every 10 s, which
 * with thousands of agents would be a thousand writes a second on SQLite's single writer) are kept in memory and
 * written together by {@link #sweep}, which then marks agents silent longer than the offline timeout offline.
 * The sweep runs every 10 s, so {@code last_seen_at} lags by at most that and the 30 s timeout still holds.
 *
 * <p>With several replicas, each writes the heartbeats it received and records which agents it holds
 * ({@link AgentReplicas}); marking silent agents offline is cluster-wide work, done by the leader only. An agent
 * goes offline on a disconnect only when no live replica holds it any more.
 */
public final class AgentLiveness implements AgentPresence {

    private static final System.Logger LOG = System.getLogger(AgentLiveness.class.getName());

    private final AgentLivenessStore store;
    private final AgentReplicas replicas;
    private final Transactions transactions;
    private final ClusterLeadership leadership;
    private final Clock clock;
    private final Duration offlineTimeout;
    private final ConcurrentHashMap<WorkerSlot, Instant> seen = new ConcurrentHashMap<>();

    private record WorkerSlot(UUID agentId, String workerKey) {
    }

    public AgentLiveness(AgentLivenessStore store, AgentReplicas replicas, Transactions transactions,
                         ClusterLeadership leadership, Clock clock, Duration offlineTimeout) {
        this.store = store;
        this.replicas = replicas;
        this.transactions = transactions;
        this.leadership = leadership;
        this.clock = clock;
        this.offlineTimeout = offlineTimeout;
    }

    @Override
    public void connected(AgentPrincipal agent, AgentInventory inventory, WorkerConnection worker, Instant connectedAt) {
        transactions.inTransaction(() -> {
            store.recordConnect(agent.agentId(), agent.projectId(), inventory, worker, micros(connectedAt));
            replicas.attach(agent.agentId());
            return null;
        });
    }

    @Override
    public void heartbeat(AgentPrincipal agent, String workerKey) {
        seen.put(new WorkerSlot(agent.agentId(), workerKey), now());
    }

    @Override
    public void disconnected(AgentPrincipal agent, String workerKey, Instant connectedAt, boolean lastSessionHere) {
        seen.remove(new WorkerSlot(agent.agentId(), workerKey));
        transactions.inTransaction(() -> {
            if (lastSessionHere) {
                replicas.detach(agent.agentId());
            }
            store.recordDisconnect(agent.agentId(), workerKey, micros(connectedAt),
                    lastSessionHere && replicas.holders(agent.agentId()).isEmpty());
            return null;
        });
    }

    @Override
    public void sweep() {
        List<Seen> batch = new ArrayList<>(seen.size());
        for (Map.Entry<WorkerSlot, Instant> e : seen.entrySet()) {
            if (seen.remove(e.getKey(), e.getValue())) {
                batch.add(new Seen(e.getKey().agentId(), e.getKey().workerKey(), e.getValue()));
            }
        }
        int offline;
        try {
            offline = transactions.inTransaction(() -> {
                if (!batch.isEmpty()) {
                    store.recordSeen(batch);
                }
                return leadership.isLeader() ? store.markSilentOffline(now().minus(offlineTimeout)) : 0;
            });
        } catch (RuntimeException e) {
            for (Seen s : batch) {
                seen.merge(new WorkerSlot(s.agentId(), s.workerKey()), s.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
            throw e;
        }
        if (offline > 0) {
            LOG.log(Level.INFO, "{0} agent(s) silent for more than {1} s are now offline", offline,
                    offlineTimeout.toSeconds());
        }
    }

    @Override
    public Map<UUID, AgentStatus> statuses(UUID projectId) {
        return store.statuses(projectId);
    }

    private Instant now() {
        return micros(clock.instant());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
