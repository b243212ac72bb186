package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A queue seen in events or heartbeats; {@code pendingCount} is the latest depth a heartbeat reported. */
public record QueueView(UUID id, UUID projectId, String engine, String name, Optional<Long> pendingCount,
                        Instant lastSeenAt, Instant createdAt) {

    public QueueView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pendingCount, "pendingCount");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
