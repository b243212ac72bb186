package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.protocol.AgentFrames;
import dev.z4j.adapter.ws.agents.protocol.BrainFrames;
import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.adapter.ws.agents.protocol.AgentHello;
import java.time.Instant;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.commands.CommandReply;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.EventIngestion;
import dev.z4j.ports.ingest.IngestCounts;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands verified agent frames to the in-ports, with the identity of the authenticated session (never the wire's).
 * An {@code event_batch} is acknowledged only after ingestion returned, that is after its commit.
 */
final class FrameRouter {

    private static final Logger LOG = LoggerFactory.getLogger(FrameRouter.class);
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AgentCredentials credentials;
    private final AgentPresence presence;
    private final EventIngestion ingestion;
    private final CommandFeedback commands;
    private final int maxBatchEvents;

    FrameRouter(AgentCredentials credentials, AgentPresence presence, EventIngestion ingestion,
                CommandFeedback commands, int maxBatchEvents) {
        this.credentials = credentials;
        this.presence = presence;
        this.ingestion = ingestion;
        this.commands = commands;
        this.maxBatchEvents = maxBatchEvents;
    }

    /** Payload checks made on the reading thread, so a malformed frame closes the session as it arrives (4400). */
    void check(FrameType type, Frame frame) {
        switch (type) {
            case EVENT_BATCH -> AgentFrames.events(frame, maxBatchEvents);
            case COMMAND_RESULT -> AgentFrames.result(frame);
            default -> {
            }
        }
    }

    /** Runs on a dispatch thread, one frame of a connection at a time, in arrival order. */
    void handle(AgentSession connection, Frame frame) {
        AgentPrincipal agent = connection.principal();
        FrameType type = frame.knownType().orElseThrow();
        switch (type) {
            case EVENT_BATCH -> {
                IngestCounts counts = ingestion.ingest(new EventBatch(agent.projectId(), agent.agentId(),
                        connection.workerId(), frame.id(), AgentFrames.events(frame, maxBatchEvents)));
                connection.send(FrameType.EVENT_BATCH_ACK, BrainFrames.eventBatchAckId(frame.id()),
                        BrainFrames.eventBatchAck(frame.id(), counts.received(), counts.accepted(), counts.rejected()));
            }
            case HEARTBEAT -> {
                if (!credentials.isCurrent(agent)) {
                    connection.close(CloseCode.REVOKED, "agent credential revoked");
                    return;
                }
                presence.heartbeat(agent, connection.workerKey());
            }
            case COMMAND_ACK -> commandId(frame).ifPresent(id ->
                    commands.acknowledged(agent.projectId(), agent.agentId(), id));
            case COMMAND_RESULT -> commandId(frame).ifPresent(id -> {
                AgentFrames.Result result = AgentFrames.result(frame);
                commands.finished(agent.projectId(), agent.agentId(), id, new CommandReply(result.success(),
                        Optional.ofNullable(result.result()), Optional.ofNullable(result.error())));
            });
            default -> LOG.debug("agent {} sent {} {}", agent.agentId(), type.wire(), frame.id());
        }
    }

    /** Records the handshake; runs before {@code hello_ack}, so the agent is online before it can send anything. */
    void connected(AgentConnection connection, AgentHello hello, Instant connectedAt) {
        presence.connected(connection.principal(), new AgentInventory(hello.protocolVersion(), hello.agentVersion(),
                        hello.framework(), hello.engines(), hello.schedulers(), hello.capabilities(), hello.hostName()),
                new WorkerConnection(connection.workerKey(), hello.workerRole(), hello.workerPid(), hello.workerStartedAt()),
                connectedAt);
    }

    void disconnected(AgentConnection connection, Instant connectedAt, boolean lastSessionHere) {
        try {
            presence.disconnected(connection.principal(), connection.workerKey(), connectedAt, lastSessionHere);
        } catch (RuntimeException e) {
            LOG.warn("could not record that agent {} disconnected; the offline sweep will", connection.agentId(), e);
        }
    }

    void agentReady(AgentConnection connection) {
        try {
            commands.agentReady(connection.principal().projectId(), connection.agentId());
        } catch (RuntimeException e) {
            LOG.error("could not hand agent {}'s pending commands over; they wait for the next connection",
                    connection.agentId(), e);
        }
    }

    /** Replies name their command by frame id; an id that is not a UUID names no command of ours. */
    private static Optional<UUID> commandId(Frame frame) {
        if (!CANONICAL_UUID.matcher(frame.id()).matches()) {
            LOG.debug("ignoring a {} whose id is not a command id", frame.type());
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(frame.id()));
    }
}
