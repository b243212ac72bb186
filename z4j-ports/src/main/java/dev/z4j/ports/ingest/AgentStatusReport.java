package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@code agent_status} frame: the agent's own view of its health (failure streaks, buffer depth, versions).
 *
 * @param capturedAt the frame's {@code ts} (verified within the replay guard's skew)
 * @param payload    the frame's payload (JSON values as in {@link EventBatch})
 */
public record AgentStatusReport(UUID projectId, UUID agentId, Instant capturedAt, Map<String, Object> payload) {

    public AgentStatusReport {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
