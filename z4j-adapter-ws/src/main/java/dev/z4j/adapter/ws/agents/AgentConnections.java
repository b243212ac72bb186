package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.protocol.BrainFrames;
import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.ProtocolException;
import dev.z4j.ports.agents.AgentSessions;
import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.commands.AgentCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent sessions live on this brain: per agent, one connection per worker slot ({@code worker_id}, or one
 * legacy slot). A newer connection for a slot displaces the older (4002); more distinct slots than allowed are
 * refused (4429). It is the local {@link AgentSessions} (closing an agent's sessions after its credential changed,
 * 4003) and the local {@link AgentChannel} (pushing a command to the agent's first live connection; an agent that
 * long-polls counts as reachable for a while after each poll, since it collects its commands itself).
 */
public final class AgentConnections implements AgentSessions, AgentChannel {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnections.class);
    /** How long a termination also refuses late handshakes of the credentials it ended. */
    private static final long REFUSAL_MEMORY_NANOS = 120_000_000_000L;
    /**
     * How long after its last poll a long-poll agent still counts as reachable: its longest wait (60 s) plus the
     * agent's client margin (10 s) plus slack for its reconnect back-off.
     */
    private static final long POLLER_MEMORY_NANOS = 90_000_000_000L;

    private final int maxWorkersPerAgent;
    private final ConcurrentHashMap<UUID, Map<String, AgentConnection>> byAgent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Refusal> refused = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Long> polledAt = new ConcurrentHashMap<>();

    private record Refusal(long throughGeneration, long atNanos) {
    }

    /** @param maxWorkersPerAgent distinct worker slots per agent; 0 for no limit */
    public AgentConnections(int maxWorkersPerAgent) {
        this.maxWorkersPerAgent = maxWorkersPerAgent;
    }

    /**
     * @throws ProtocolException {@link CloseCode#REVOKED} when the connection's credential was terminated meanwhile,
     *                           {@link CloseCode#RATE_LIMITED} when the agent has no free worker slot
     */
    void register(AgentConnection connection) {
        List<AgentConnection> displaced = new ArrayList<>(1);
        byAgent.compute(connection.agentId(), (agentId, slots) -> {
            Refusal refusal = refused.get(agentId);
            if (refusal != null && connection.principal().generation() <= refusal.throughGeneration()) {
                throw new ProtocolException(CloseCode.REVOKED, "agent credential revoked");
            }
            Map<String, AgentConnection> updated = slots == null ? new LinkedHashMap<>() : slots;
            AgentConnection previous = updated.get(connection.workerKey());
            if (previous == null && maxWorkersPerAgent > 0 && updated.size() >= maxWorkersPerAgent) {
                throw new ProtocolException(CloseCode.RATE_LIMITED, "agent already has " + maxWorkersPerAgent
                        + " worker connections");
            }
            if (previous != null) {
                displaced.add(previous);
            }
            updated.put(connection.workerKey(), connection);
            return updated;
        });
        displaced.forEach(old -> old.close(CloseCode.DISPLACED, "replaced by a newer connection of the same worker"));
    }

    /** Removes the connection from its slot if it still holds it. */
    void unregister(AgentConnection connection) {
        byAgent.computeIfPresent(connection.agentId(), (agentId, slots) -> {
            slots.values().removeIf(c -> c == connection);
            return slots.isEmpty() ? null : slots;
        });
    }

    @Override
    public void terminate(UUID agentId, long throughGeneration) {
        long now = System.nanoTime();
        refused.values().removeIf(r -> now - r.atNanos() > REFUSAL_MEMORY_NANOS);
        refused.merge(agentId, new Refusal(throughGeneration, now),
                (old, fresh) -> new Refusal(Math.max(old.throughGeneration(), fresh.throughGeneration()), now));
        List<AgentConnection> ended = new ArrayList<>();
        byAgent.computeIfPresent(agentId, (id, slots) -> {
            slots.values().stream().filter(c -> c.principal().generation() <= throughGeneration).forEach(ended::add);
            return slots;
        });
        ended.forEach(c -> c.close(CloseCode.REVOKED, "agent credential revoked"));
        if (!ended.isEmpty()) {
            LOG.info("closed {} session(s) of agent {} after its credential changed", ended.size(), agentId);
        }
    }

    @Override
    public boolean deliver(AgentCommand command) {
        for (AgentConnection connection : connectionsOf(command.agentId())) {
            if (connection.isReady() && connection.principal().projectId().equals(command.projectId())
                    && connection.send(FrameType.COMMAND, command.id().toString(), BrainFrames.command(command.action(),
                    command.targetType(), command.targetId(), command.parameters(), command.timeoutSeconds(),
                    command.issuedBy().map(UUID::toString)))) {
                return true;
            }
        }
        return false;
    }

    /** The live connections of an agent, oldest slot first. */
    List<AgentConnection> connectionsOf(UUID agentId) {
        List<AgentConnection> result = new ArrayList<>();
        byAgent.computeIfPresent(agentId, (id, slots) -> {
            result.addAll(slots.values());
            return slots;
        });
        return result;
    }

    public boolean isConnected(UUID agentId) {
        return connectionsOf(agentId).stream().anyMatch(AgentConnection::isReady);
    }

    /** A long-poll agent asked for its commands: it can be reached for a while (it picks commands up itself). */
    void polled(UUID agentId) {
        long now = System.nanoTime();
        polledAt.put(agentId, now);
        if (polledAt.size() > 1024) {
            polledAt.values().removeIf(at -> now - at > POLLER_MEMORY_NANOS);
        }
    }

    @Override
    public boolean reachable(UUID agentId) {
        if (isConnected(agentId)) {
            return true;
        }
        Long at = polledAt.get(agentId);
        return at != null && System.nanoTime() - at <= POLLER_MEMORY_NANOS;
    }

    /** Connections registered here (handshake done). */
    public int connectionCount() {
        return byAgent.values().stream().mapToInt(Map::size).sum();
    }
}
