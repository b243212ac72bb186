package dev.z4j.domain.ingest;

import dev.z4j.ports.ingest.TaskChange;
import java.time.Instant;

/**
 * The merge rule of {@link TaskChange}, in memory: what the store does with a change and the stored row, done here
 * with two changes of one commit, so the store receives one change per task (a statement may not touch a row twice).
 */
final class TaskMerge {

    private TaskMerge() {
    }

    /** {@code incoming} was reported after {@code current} (later in the same commit). */
    static TaskChange merge(TaskChange current, TaskChange incoming) {
        TaskChange o = current;
        TaskChange n = incoming;
        boolean state = stateWins(o, n);
        boolean finish = state && n.stateTier() == TaskChange.TERMINAL;
        boolean receipt = n.receivedAt() != null && (o.receivedAt() == null || !n.receivedAt().isBefore(o.receivedAt()));
        boolean start = n.startedAt() != null && (o.startedAt() == null || !n.startedAt().isBefore(o.startedAt()));
        return new TaskChange(o.id(), o.projectId(), o.engine(), o.taskId(),
                first(n.name(), o.name()), first(n.queue(), o.queue()), first(n.priority(), o.priority()),
                first(n.tags(), o.tags()),
                state ? n.stateTier() : o.stateTier(), state ? n.state() : o.state(),
                state ? n.stateAt() : o.stateAt(), state ? n.stateStage() : o.stateStage(),
                receipt ? n.receivedAt() : o.receivedAt(), receipt ? first(n.args(), o.args()) : o.args(),
                receipt ? first(n.kwargs(), o.kwargs()) : o.kwargs(),
                receipt ? first(n.parentTaskId(), o.parentTaskId()) : o.parentTaskId(),
                receipt ? first(n.rootTaskId(), o.rootTaskId()) : o.rootTaskId(),
                receipt ? first(n.eta(), o.eta()) : o.eta(),
                start ? n.startedAt() : o.startedAt(),
                start ? first(n.workerName(), o.workerName()) : first(o.workerName(), n.workerName()),
                finish ? n.finishedAt() : o.finishedAt(), finish ? n.result() : o.result(),
                finish ? n.runtimeMs() : o.runtimeMs(), finish ? n.exception() : o.exception(),
                finish ? n.traceback() : o.traceback(),
                o.retries() + n.retries(), earliest(o.firstSeenAt(), n.firstSeenAt()),
                latest(o.lastEventAt(), n.lastEventAt()));
    }

    /** Higher tier wins; in the same tier the more recent, and at the same instant the later stage. */
    static boolean stateWins(TaskChange current, TaskChange incoming) {
        if (incoming.stateTier() != current.stateTier()) {
            return incoming.stateTier() > current.stateTier();
        }
        if (incoming.stateTier() == TaskChange.NO_STATE) {
            return false;
        }
        int byTime = incoming.stateAt().compareTo(current.stateAt());
        return byTime > 0 || (byTime == 0 && incoming.stateStage() >= current.stateStage());
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
