package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.ports.agents.AgentPrincipal;
import java.util.Map;
import java.util.Optional;

/** An authenticated agent session on either transport, as the frame router sees it. */
interface AgentSession {

    AgentPrincipal principal();

    /** The worker slot: {@code worker_id}, or the empty string when the agent names none. */
    String workerKey();

    default Optional<String> workerId() {
        return workerKey().isEmpty() ? Optional.empty() : Optional.of(workerKey());
    }

    /** Signs a brain frame for the agent; false when the session is gone. */
    boolean send(FrameType type, String id, Map<String, Object> payload);

    /** Ends the session: a close code on a WebSocket, dropped state for long-poll. */
    void close(CloseCode code, String reason);

    /** Whether one more {@code agent_status} report of this session is kept ({@link ReportWindow}). */
    boolean statusReportAllowed();
}
