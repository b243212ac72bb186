package dev.z4j.adapter.ws;

import dev.z4j.adapter.ws.agents.AgentConnections;
import dev.z4j.adapter.ws.agents.AgentGateway;
import dev.z4j.adapter.ws.agents.GatewaySettings;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.commands.CommandPickup;
import dev.z4j.ports.ingest.EventIngestion;
import dev.z4j.ports.schedules.ScheduleReports;
import io.javalin.config.JavalinConfig;
import java.time.Clock;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The brain's agent surface: {@code /ws/agent} (protocol v2) and the long-poll routes {@code GET
 * /api/v1/agent/commands} and {@code POST /api/v1/agent/events}. The composition root creates one and lets it
 * {@link #configure} the same Javalin instance the HTTP adapter configures, and closes it before stopping Javalin
 * so agents get a close frame after their queued batches are handled.
 */
public final class WebSocketApi implements AutoCloseable {

    /** Routes that read and limit their request bodies themselves (the HTTP adapter's global limit must let them be). */
    public static final Set<String> OWN_BODY_LIMITS = Set.of(AgentGateway.LONG_POLL_EVENTS);

    private final AgentGateway agents;

    /**
     * @param connections the live agent sessions; the app also hands them to the credential service (to end
     *                    sessions) and to the command service (to deliver commands)
     * @param clientIp    the client address from the socket peer and {@code X-Forwarded-For}
     */
    public WebSocketApi(GatewaySettings settings, AgentCredentials credentials, AgentPresence presence,
                        EventIngestion ingestion, CommandFeedback commands, CommandPickup pickup,
                        ScheduleReports schedules, AgentConnections connections, BiFunction<String, String, String> clientIp, Clock clock) {
        this.agents = new AgentGateway(settings, credentials, presence, ingestion, commands, pickup, schedules,
                connections, clientIp, clock);
    }

    public void configure(JavalinConfig config) {
        agents.configure(config);
    }

    /** Sessions open on {@code /ws/agent}, handshake done or not. */
    public int openAgentSessions() {
        return agents.openSessions();
    }

    @Override
    public void close() {
        agents.close();
    }
}
