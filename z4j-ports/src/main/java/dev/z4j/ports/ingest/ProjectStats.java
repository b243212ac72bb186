package dev.z4j.ports.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A project's figures over a window ending now.
 *
 * @param tasksByState tasks first seen in the window, by their current state (every state present, zeros included)
 * @param succeeded    tasks that finished with success in the window
 * @param failed       tasks that finished with failure in the window
 * @param queues       every queue with its latest depth
 */
public record ProjectStats(Duration window, Instant since, Map<TaskState, Long> tasksByState, long succeeded,
                           long failed, long workersOnline, long workersOffline, long agentsOnline,
                           long agentsOffline, List<QueueView> queues) {

    /** The depth above which a project is not healthy, as upstream. */
    public static final long QUEUE_DEPTH_LIMIT = 10_000;
    /** The failure rate at or above which a project is not healthy, as upstream. */
    public static final double FAILURE_RATE_LIMIT = 0.1;

    public ProjectStats {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(since, "since");
        EnumMap<TaskState, Long> all = new EnumMap<>(TaskState.class);
        for (TaskState state : TaskState.values()) {
            all.put(state, tasksByState.getOrDefault(state, 0L));
        }
        tasksByState = java.util.Collections.unmodifiableMap(all);
        queues = List.copyOf(queues);
    }

    public long tasksTotal() {
        return tasksByState.values().stream().mapToLong(Long::longValue).sum();
    }

    /** failed / (failed + succeeded), 0 when nothing finished. */
    public double failureRate() {
        long finished = failed + succeeded;
        return finished == 0 ? 0.0 : (double) failed / finished;
    }

    public long queuedTotal() {
        return queues.stream().mapToLong(q -> q.pendingCount().orElse(0L)).sum();
    }

    /** {@code critical} with no agent online, {@code degraded} when any check fails, else {@code healthy}. */
    public String health() {
        if (agentsOnline == 0) {
            return "critical";
        }
        boolean ok = agentsOffline == 0 && queuedTotal() < QUEUE_DEPTH_LIMIT && failureRate() < FAILURE_RATE_LIMIT;
        return ok ? "healthy" : "degraded";
    }
}
