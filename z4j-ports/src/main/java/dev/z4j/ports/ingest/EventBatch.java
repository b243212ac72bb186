package dev.z4j.ports.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One verified {@code event_batch} frame. {@code projectId} and {@code agentId} come from the authenticated session,
 * never from the wire. Each event is the JSON object the agent sent (values: String, Boolean, null, Long or
 * BigInteger for ints, Double for floats, List, Map), checked only for being an object: validating and redacting
 * its fields is ingestion's job.
 *
 * @param batchId  the frame id; re-sent batches reuse it
 * @param workerId the agent worker process that sent it, when the agent names one
 */
public record EventBatch(UUID projectId, UUID agentId, Optional<String> workerId, String batchId,
                         List<Map<String, Object>> events) {

    public EventBatch {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(batchId, "batchId");
        events = List.copyOf(events);
    }
}
