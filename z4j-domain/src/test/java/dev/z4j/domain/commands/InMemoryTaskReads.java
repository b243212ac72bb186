package dev.z4j.domain.commands;

import dev.z4j.ports.ingest.ProjectStats;
import dev.z4j.ports.ingest.QueueView;
import dev.z4j.ports.ingest.TaskDetail;
import dev.z4j.ports.ingest.TaskEvent;
import dev.z4j.ports.ingest.TaskFilter;
import dev.z4j.ports.ingest.TaskReadStore;
import dev.z4j.ports.ingest.TaskState;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.ingest.TaskTree;
import dev.z4j.ports.ingest.WorkerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The task list a bulk retry's filter is resolved against: only {@link #tasks} is answered. */
final class InMemoryTaskReads implements TaskReadStore {

    private final List<TaskSummary> rows = new ArrayList<>();

    void add(UUID projectId, String engine, String taskId, TaskState state, Optional<String> name,
             Optional<String> priority, Instant firstSeen) {
        rows.add(new TaskSummary(UUID.randomUUID(), projectId, engine, taskId, name, Optional.of("default"), state,
                priority, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), firstSeen, firstSeen));
    }

    @Override
    public List<TaskSummary> tasks(UUID projectId, TaskFilter filter, Optional<Position> after, int limit) {
        Comparator<TaskSummary> newestFirst = Comparator.comparing(TaskSummary::firstSeenAt)
                .thenComparing(TaskSummary::id).reversed();
        return rows.stream()
                .filter(t -> t.projectId().equals(projectId))
                .filter(t -> filter.states().isEmpty() || filter.states().contains(t.state()))
                .filter(t -> filter.name().map(n -> t.name().orElse("").contains(n)).orElse(true))
                .filter(t -> filter.queue().map(q -> t.queue().equals(Optional.of(q))).orElse(true))
                .filter(t -> filter.since().map(s -> !t.firstSeenAt().isBefore(s)).orElse(true))
                .filter(t -> filter.until().map(u -> t.firstSeenAt().isBefore(u)).orElse(true))
                .sorted(newestFirst)
                .filter(t -> after.map(p -> newestFirst.compare(t, positioned(p)) > 0).orElse(true))
                .limit(limit).toList();
    }

    private TaskSummary positioned(Position p) {
        return rows.stream().filter(t -> t.id().equals(p.id())).findFirst().orElseThrow();
    }

    @Override
    public List<TaskDetail> taskDetails(UUID projectId, TaskFilter filter, Optional<Position> after, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TaskDetail> task(UUID projectId, UUID id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TaskEvent> events(UUID projectId, long taskKey, String engine, String taskId, Optional<Position> after,
                                  int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TaskTree.Node> tree(UUID projectId, UUID rootId, String rootTaskId, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<WorkerView> workers(UUID projectId, Instant countsSince) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<WorkerView> worker(UUID projectId, UUID workerId, Instant countsSince) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<QueueView> queues(UUID projectId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProjectStats stats(UUID projectId, Duration window, Instant now) {
        throw new UnsupportedOperationException();
    }
}
