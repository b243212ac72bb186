package dev.z4j.ports.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Out-port: the queries behind {@link TaskQueries}, each scoped to one project, each one statement on an index (no
 * OFFSET: pages continue after a {@link Position}). Lists come newest first.
 */
public interface TaskReadStore {

    /** Tasks matching {@code filter}, ordered by (first seen, id) descending, strictly after {@code after}. */
    List<TaskSummary> tasks(UUID projectId, TaskFilter filter, Optional<Position> after, int limit);

    /** The same with details, for exports. */
    List<TaskDetail> taskDetails(UUID projectId, TaskFilter filter, Optional<Position> after, int limit);

    /** @param id the task row's id (derived from project, engine and task id) */
    Optional<TaskDetail> task(UUID projectId, UUID id);

    /**
     * A task's events ordered by (occurred at, id) descending, strictly after {@code after}.
     *
     * @param taskKey the key the task's events are indexed by (from its row id)
     */
    List<TaskEvent> events(UUID projectId, long taskKey, String engine, String taskId, Optional<Position> after,
                           int limit);

    /**
     * Up to {@code limit} tasks whose root is {@code rootTaskId}, and the root itself (row {@code rootId}), in the
     * order they were first seen.
     */
    List<TaskTree.Node> tree(UUID projectId, UUID rootId, String rootTaskId, int limit);

    /** @param countsSince the start of the counting window */
    List<WorkerView> workers(UUID projectId, Instant countsSince);

    Optional<WorkerView> worker(UUID projectId, UUID workerId, Instant countsSince);

    List<QueueView> queues(UUID projectId);

    ProjectStats stats(UUID projectId, Duration window, Instant now);

    /** Where a page ended: the sort time and id of its last item. */
    record Position(Instant at, UUID id) {
        public Position {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(id, "id");
        }
    }
}
