package dev.z4j.ports.agents;

import java.util.Objects;
import java.util.Optional;

/**
 * One worker process of an agent as its hello describes it. {@code workerKey} is the agent's {@code worker_id}, or
 * the empty string for a legacy agent that names none.
 */
public record WorkerConnection(String workerKey, Optional<String> role, Optional<Long> pid, Optional<String> startedAt) {

    public WorkerConnection {
        Objects.requireNonNull(workerKey, "workerKey");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
