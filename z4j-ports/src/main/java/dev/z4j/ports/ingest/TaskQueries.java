package dev.z4j.ports.ingest;

import dev.z4j.ports.identity.Caller;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * In-port: reading what ingestion stored, for project members (viewer and up) and the project's agents. Every method
 * authorizes first: an unknown project and one the caller is not a member of are the same {@code NOT_FOUND}.
 * Lists are newest first in keyset pages; a cursor is opaque and belongs to the list (and filter) that issued it.
 *
 * @see dev.z4j.ports.support.Refusal
 */
public interface TaskQueries {

    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 500;

    /** Windows {@link #stats} accepts, in hours. */
    List<Integer> STATS_HOURS = List.of(1, 6, 24, 72, 168);

    /**
     * The project's tasks matching {@code filter}, ordered by when they were first seen, newest first.
     *
     * @param limit 1..{@link #MAX_LIMIT}
     * @throws dev.z4j.ports.support.Refusal INVALID {@code invalid_cursor} / {@code invalid_limit} (details
     *         {@code field}), NOT_FOUND, FORBIDDEN, UNAUTHENTICATED
     */
    Page<TaskSummary> tasks(Caller caller, String projectSlug, TaskFilter filter, Optional<String> cursor, int limit);

    /**
     * Every task matching {@code filter} with its details, in the order of {@link #tasks}, handed to {@code sink}
     * one by one as pages are read: memory stays flat whatever the count. Authorizes before the first row.
     */
    void export(Caller caller, String projectSlug, TaskFilter filter, Consumer<TaskDetail> sink);

    /** @throws dev.z4j.ports.support.Refusal NOT_FOUND {@code task_not_found} when the project has no such task */
    TaskDetail task(Caller caller, String projectSlug, String engine, String taskId);

    /**
     * The task's events, newest first (empty for an unknown task).
     *
     * @throws dev.z4j.ports.support.Refusal INVALID {@code invalid_engine} / {@code invalid_task_id} when empty
     *         (after authorizing)
     */
    Page<TaskEvent> events(Caller caller, String projectSlug, String engine, String taskId, Optional<String> cursor,
                           int limit);

    /**
     * The tasks sharing the root of this one (its {@code root_task_id}, else itself).
     *
     * @throws dev.z4j.ports.support.Refusal NOT_FOUND {@code task_not_found}
     */
    TaskTree tree(Caller caller, String projectSlug, String engine, String taskId);

    /** The project's workers, the most recent heartbeat first, with their counts of the last 24 hours. */
    List<WorkerView> workers(Caller caller, String projectSlug);

    /**
     * One worker with its metadata.
     *
     * @throws dev.z4j.ports.support.Refusal NOT_FOUND {@code worker_not_found}
     */
    WorkerView worker(Caller caller, String projectSlug, UUID workerId);

    /** The project's queues by name. */
    List<QueueView> queues(Caller caller, String projectSlug);

    /**
     * @param window one of {@link #STATS_HOURS}
     * @throws dev.z4j.ports.support.Refusal INVALID {@code invalid_hours} for another window
     */
    ProjectStats stats(Caller caller, String projectSlug, Duration window);
}
