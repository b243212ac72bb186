package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code events}, as stored: redacted, truncated, its time clamped.
 *
 * @param id      content-derived, so the same event reported twice (re-sent batch, several agents) has the same id;
 *                ids sort by the time the event occurred (to the millisecond)
 * @param taskId  the engine's task id, {@code ""} for events about no task
 * @param taskKey the key a task's events are found by (from the task's id), null for events about no task
 * @param payload the event's {@code data} as JSON text
 */
public record EventRow(UUID id, UUID projectId, UUID agentId, String engine, String taskId, Long taskKey, String kind,
                       Instant occurredAt, String payload) {

    public EventRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }
}
