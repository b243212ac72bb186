package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One stored event of a task: its {@code data} as JSON text, redacted as stored. */
public record TaskEvent(UUID id, UUID projectId, UUID agentId, String engine, String taskId, String kind,
                        Instant occurredAt, String payloadJson) {

    public TaskEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
