package dev.z4j.adapter.ws.agents.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * The strings both sides add to every signed envelope before computing its HMAC, exactly as the brain sent them
 * in {@code hello_ack} (for long-poll, {@code sessionId} is the {@code X-Z4J-Session-Nonce} header). They tie a
 * signature to one agent, one project and one session, so a frame cannot be replayed into another session.
 */
public record SessionBinding(String agentId, String projectId, String sessionId) {

    public SessionBinding {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    void addTo(Map<String, Object> envelope) {
        envelope.put("agent_id", agentId);
        envelope.put("project_id", projectId);
        envelope.put("session_id", sessionId);
    }
}
