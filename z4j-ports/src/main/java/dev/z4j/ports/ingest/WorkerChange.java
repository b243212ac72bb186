package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A worker seen (in an event's {@code data.worker}, a {@code worker.*} event, or a heartbeat's worker details).
 * The state follows the most recent sighting; details, when present, replace the stored ones.
 *
 * @param state   {@code online} or {@code offline}
 * @param details null when the sighting carried none
 */
public record WorkerChange(UUID id, UUID projectId, String engine, String name, String state, Instant seenAt,
                           WorkerDetails details) {

    public WorkerChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(seenAt, "seenAt");
        if (!"online".equals(state) && !"offline".equals(state)) {
            throw new IllegalArgumentException("a worker is seen online or offline");
        }
    }

    /**
     * What an engine reports about a worker process (Celery's inspect snapshot). JSON fields are JSON text; any
     * field may be null.
     */
    public record WorkerDetails(String hostname, Long pid, Long concurrency, String queues, Long activeTasks,
                                String loadAverage, String metadata) {
    }
}
