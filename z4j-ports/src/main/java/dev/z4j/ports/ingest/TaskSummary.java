package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A task as lists show it: everything but its arguments, result and traceback (which can be 64 KiB each).
 *
 * @param tagsJson    the task's tags as JSON text (an array), when any were reported
 * @param firstSeenAt when the brain first heard of the task (lists are ordered by it, newest first)
 * @param lastEventAt the time of the latest event about it
 */
public record TaskSummary(UUID id, UUID projectId, String engine, String taskId, Optional<String> name,
                          Optional<String> queue, TaskState state, Optional<String> priority, int retryCount,
                          Optional<Instant> eta, Optional<Instant> receivedAt, Optional<Instant> startedAt,
                          Optional<Instant> finishedAt, Optional<Long> runtimeMs, Optional<String> workerName,
                          Optional<String> parentTaskId, Optional<String> rootTaskId, Optional<String> tagsJson,
                          Instant firstSeenAt, Instant lastEventAt) {

    public TaskSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(runtimeMs, "runtimeMs");
        Objects.requireNonNull(workerName, "workerName");
        Objects.requireNonNull(parentTaskId, "parentTaskId");
        Objects.requireNonNull(rootTaskId, "rootTaskId");
        Objects.requireNonNull(tagsJson, "tagsJson");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
    }
}
