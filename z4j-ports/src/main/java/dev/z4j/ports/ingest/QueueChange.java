package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A queue seen (in an event's {@code data.queue}, or a heartbeat's queue depths).
 *
 * @param pendingCount the depth, when the sighting reported one (null otherwise: the stored depth stays)
 */
public record QueueChange(UUID id, UUID projectId, String engine, String name, Instant seenAt, Long pendingCount) {

    public QueueChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(seenAt, "seenAt");
    }
}
