package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A heartbeat's {@code adapter_health}: keys {@code <engine>.<key>}, values strings (JSON text for dicts and lists,
 * as the agent encodes them). {@code <engine>.queue_depths} and {@code <engine>.worker_details} become queue and
 * worker rows of the session's project.
 *
 * @param lastFlushAt the heartbeat's {@code last_flush_at}, when the agent sent one
 */
public record EngineHealth(UUID projectId, UUID agentId, Map<String, String> adapterHealth,
                           Optional<Instant> lastFlushAt) {

    public EngineHealth {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(agentId, "agentId");
        adapterHealth = Map.copyOf(adapterHealth);
        Objects.requireNonNull(lastFlushAt, "lastFlushAt");
    }
}
