package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.protocol.AgentFrames;
import dev.z4j.adapter.ws.agents.protocol.AgentHello;
import dev.z4j.adapter.ws.agents.protocol.BrainFrames;
import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.IsoTimestamps;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.commands.CommandReply;
import dev.z4j.ports.ingest.AgentStatusReport;
import dev.z4j.ports.ingest.EngineHealth;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.EventIngestion;
import dev.z4j.ports.ingest.IngestCounts;
import dev.z4j.ports.schedules.ScheduleReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands verified agent frames to the in-ports, with the identity of the authenticated session (never the wire's).
 * An {@code event_batch} is acknowledged only after ingestion committed it.
 */
final class FrameRouter {

    private static final Logger LOG = LoggerFactory.getLogger(FrameRouter.class);
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AgentCredentials credentials;
    private final AgentPresence presence;
    private final EventIngestion ingestion;
    private final CommandFeedback commands;
    private final ScheduleReports schedules;
    private final int maxBatchEvents;
    private final Clock clock;

    FrameRouter(AgentCredentials credentials, AgentPresence presence, EventIngestion ingestion,
                CommandFeedback commands, ScheduleReports schedules, int maxBatchEvents, Clock clock) {
        this.credentials = credentials;
        this.presence = presence;
        this.ingestion = ingestion;
        this.commands = commands;
        this.schedules = schedules;
        this.maxBatchEvents = maxBatchEvents;
        this.clock = clock;
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

    /** How many events an {@code event_batch} frame carries (0 for any other frame). */
    int events(Frame frame) {
        return frame.knownType().orElse(null) == FrameType.EVENT_BATCH
                ? AgentFrames.events(frame, maxBatchEvents).size() : 0;
    }

    /** {@link Duration#ZERO} when the session's project may hand these events over now, else how long to wait. */
    Duration admit(AgentSession session, int events) {
        return ingestion.admit(session.principal().projectId(), events);
    }

    /**
     * Hands an {@code event_batch} to ingestion; the future completes once it is committed, and only then may it be
     * {@link #acknowledge acknowledged}. Waits while the brain's ingest queue is full.
     */
    CompletableFuture<IngestCounts> submit(AgentSession session, Frame frame) {
        return ingestion.submit(batch(session, frame));
    }

    /** Runs on a dispatch thread, one frame of a connection at a time, in arrival order. */
    void handle(AgentSession session, Frame frame) {
        AgentPrincipal agent = session.principal();
        FrameType type = frame.knownType().orElseThrow();
        switch (type) {
            case EVENT_BATCH -> acknowledge(session, frame, ingestion.ingest(batch(session, frame)));
            case HEARTBEAT -> {
                if (!credentials.isCurrent(agent)) {
                    session.close(CloseCode.REVOKED, "agent credential revoked");
                    return;
                }
                presence.heartbeat(agent, session.workerKey());
                ingestion.engineHealth(new EngineHealth(agent.projectId(), agent.agentId(),
                        adapterHealth(frame.payload()), lastFlush(frame.payload())));
            }
            case AGENT_STATUS -> {
                if (session.statusReportAllowed()) {
                    Instant captured = frame.ts().flatMap(IsoTimestamps::parseAware).orElseGet(clock::instant);
                    ingestion.agentStatus(new AgentStatusReport(agent.projectId(), agent.agentId(), captured,
                            frame.payload()));
                }
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

    private EventBatch batch(AgentSession session, Frame frame) {
        AgentPrincipal agent = session.principal();
        // Events count as a sign of life, like heartbeats (an agent busy streaming is not silent).
        presence.heartbeat(agent, session.workerKey());
        List<Map<String, Object>> events = AgentFrames.events(frame, maxBatchEvents);
        reportSchedules(agent, events);
        return new EventBatch(agent.projectId(), agent.agentId(), session.workerId(), frame.id(), events);
    }

    /**
     * Schedule reports also go to the schedules in-port (they are stored as events too). Rare (a scheduler's boot, its
     * periodic snapshot, a change), idempotent, and derived state: a failure is logged and the next snapshot repairs.
     */
    private void reportSchedules(AgentPrincipal agent, List<Map<String, Object>> events) {
        List<Map<String, Object>> reports = null;
        for (Map<String, Object> event : events) {
            if (ScheduleReports.isReport(event.get("kind"))) {
                if (reports == null) {
                    reports = new ArrayList<>();
                }
                reports.add(event);
            }
        }
        if (reports == null) {
            return;
        }
        try {
            schedules.report(agent.projectId(), agent.agentId(), reports);
        } catch (RuntimeException e) {
            LOG.warn("could not record the schedules agent {} reported; its next snapshot brings them again",
                    agent.agentId(), e);
        }
    }

    static void acknowledge(AgentSession session, Frame frame, IngestCounts counts) {
        session.send(FrameType.EVENT_BATCH_ACK, BrainFrames.eventBatchAckId(frame.id()),
                BrainFrames.eventBatchAck(frame.id(), counts.received(), counts.accepted(), counts.rejected()));
    }

    /** {@code adapter_health}: string values only (the agent encodes dicts and lists as JSON text). */
    private static Map<String, String> adapterHealth(Map<String, Object> payload) {
        Map<String, String> health = new HashMap<>();
        if (payload.get("adapter_health") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k instanceof String key && v instanceof String value) {
                    health.put(key, value);
                }
            });
        }
        return health;
    }

    private static Optional<Instant> lastFlush(Map<String, Object> payload) {
        return payload.get("last_flush_at") instanceof String text ? IsoTimestamps.parseAware(text) : Optional.empty();
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
