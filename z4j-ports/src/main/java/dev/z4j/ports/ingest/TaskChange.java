package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What new events say about one task, merged into its row by these rules (the same whether two changes are
 * merged in memory or a change is merged into the stored row):
 *
 * <ul>
 *   <li><b>State.</b> A change carries a state when {@code stateTier > 0} (1: received, started, retry, rejected;
 *       2: the terminal success, failure, revoked). It replaces the row's state when its tier is higher; within the
 *       same tier when it is at least as recent ({@code stateAt}, never in the future) and, at the same instant,
 *       at least as late in the lifecycle ({@code stateStage}). So a terminal state is never overwritten by a
 *       non-terminal one, and out-of-order events keep the newest information.</li>
 *   <li><b>Finish</b> ({@code finishedAt}, {@code result}, {@code runtimeMs}, {@code exception}, {@code traceback})
 *       comes with a terminal state and is taken exactly when that state is.</li>
 *   <li><b>Receipt</b> ({@code receivedAt}, {@code args}, {@code kwargs}, {@code parentTaskId}, {@code rootTaskId},
 *       {@code eta}) and <b>start</b> ({@code startedAt}; {@code workerName}) are taken from the most recent event of
 *       their kind, whatever the state: a late {@code received} still fills in the arguments of a finished task.</li>
 *   <li>{@code name}, {@code queue}, {@code priority} and {@code tags} follow the newest change that names them;
 *       a {@code workerName} without a start only fills in an unknown one; {@code retries} add up;
 *       {@code firstSeenAt} keeps the earliest, {@code lastEventAt} the latest.</li>
 * </ul>
 *
 * Fields are null when the events said nothing about them. JSON fields ({@code args}, {@code kwargs},
 * {@code result}, {@code tags}) are JSON text.
 */
public record TaskChange(UUID id, UUID projectId, String engine, String taskId,
                         String name, String queue, String priority, String tags,
                         int stateTier, String state, Instant stateAt, int stateStage,
                         Instant receivedAt, String args, String kwargs, String parentTaskId, String rootTaskId,
                         Instant eta,
                         Instant startedAt, String workerName,
                         Instant finishedAt, String result, Long runtimeMs, String exception, String traceback,
                         int retries, Instant firstSeenAt, Instant lastEventAt) {

    public static final int NO_STATE = 0;
    public static final int ACTIVE = 1;
    public static final int TERMINAL = 2;

    public TaskChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        if (stateTier < NO_STATE || stateTier > TERMINAL || (stateTier == NO_STATE) != (state == null)
                || (stateTier == NO_STATE) != (stateAt == null)) {
            throw new IllegalArgumentException("a state comes with its tier (1 or 2) and time, and only then");
        }
        if (stateTier != TERMINAL && (finishedAt != null || result != null || runtimeMs != null || exception != null
                || traceback != null)) {
            throw new IllegalArgumentException("only a terminal state carries a finish");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative");
        }
    }
}
