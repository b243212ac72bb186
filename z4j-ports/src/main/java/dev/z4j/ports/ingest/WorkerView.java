package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An engine worker (a Celery worker process, not an agent connection) with what it finished in the counting window
 * (24 hours): tasks that finished there in that window, by their final state.
 *
 * @param queuesJson      the queues it consumes, a JSON array
 * @param loadAverageJson its load average as reported, JSON
 * @param metadataJson    the inspect snapshot (allow-listed settings, redacted), only on a single worker's view
 * @param retried         the retries of the tasks it finished in the window
 */
public record WorkerView(UUID id, UUID projectId, String engine, String name, Optional<String> hostname,
                         Optional<Long> pid, Optional<Long> concurrency, String queuesJson, String state,
                         Instant lastHeartbeat, Optional<String> loadAverageJson, Optional<Long> activeTasks,
                         long succeeded, long failed, long retried, Instant createdAt, Optional<String> metadataJson) {

    public WorkerView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(concurrency, "concurrency");
        Objects.requireNonNull(queuesJson, "queuesJson");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
        Objects.requireNonNull(loadAverageJson, "loadAverageJson");
        Objects.requireNonNull(activeTasks, "activeTasks");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }

    /** Succeeded plus failed, as upstream counts it. */
    public long processed() {
        return succeeded + failed;
    }
}
