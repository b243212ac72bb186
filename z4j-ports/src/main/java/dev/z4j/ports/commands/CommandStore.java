package dev.z4j.ports.commands;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Out-port: the {@code commands} table. Writes join the caller's transaction. Every transition is one conditional
 * update, so concurrent paths (an issuance, a reconnecting agent, a long-poll, the timeout sweep, a late reply)
 * cannot move a command twice: whoever changes the row wins, the others see {@code false}.
 */
public interface CommandStore {

    /**
     * Stores a new command (status {@code pending}).
     *
     * @return false, storing nothing, when the command's idempotency key is already used in its project
     */
    boolean insert(CommandView command);

    Optional<CommandView> find(UUID projectId, UUID commandId);

    Optional<CommandView> findByIdempotencyKey(UUID projectId, String idempotencyKey);

    /** Newest first ({@code issued_at}, then id), after {@code after} when given. */
    List<CommandView> list(UUID projectId, Optional<String> status, Optional<Position> after, int limit);

    /** Pending commands of the agent whose time has not run out, oldest first. */
    List<CommandView> pending(UUID agentId, Instant now, int limit);

    /**
     * Commands of the agent dispatched at or after {@code since} that it has not acknowledged and whose time has not
     * run out, oldest first: what a long-poll agent is offered again.
     */
    List<CommandView> unacknowledged(UUID agentId, Instant since, Instant now, int limit);

    /** {@code pending → dispatched} (the claim before a push); false when it is not pending or its time ran out. */
    boolean markDispatched(UUID commandId, Instant now);

    /** {@code dispatched → pending} after a push that found no connection, unless the agent acknowledged it. */
    boolean markUndelivered(UUID commandId);

    /**
     * The agent acknowledged the command: it is dispatched (if it was pending) and acknowledged. False when it is not
     * this agent's and project's, is finished, or its time ran out.
     */
    boolean acknowledge(UUID projectId, UUID agentId, UUID commandId, Instant now);

    /**
     * {@code pending | dispatched → completed | failed} with the agent's result; false (nothing stored) when the
     * command is not this agent's and project's, is finished, or its time ran out.
     */
    boolean finish(UUID projectId, UUID agentId, UUID commandId, Outcome outcome, Instant now);

    /** Moves pending and dispatched commands whose {@code timeout_at} passed to {@code timeout}; returns them. */
    List<CommandView> expire(Instant now, String error);

    /** The originals of a task the brain knows, for a retry. */
    Optional<TaskOrigin> task(UUID projectId, String engine, String taskId);

    /** A point in the newest-first order: the keyset cursor. */
    record Position(Instant issuedAt, UUID id) {
        public Position {
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /** @param status {@code completed} or {@code failed} */
    record Outcome(String status, Optional<Map<String, Object>> result, Optional<String> error) {
        public Outcome {
            if (!"completed".equals(status) && !"failed".equals(status)) {
                throw new IllegalArgumentException("an outcome is completed or failed");
            }
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(error, "error");
        }
    }

    /** What the tasks table knows of a task: its name, arguments and priority. */
    record TaskOrigin(Optional<String> name, Optional<Object> args, Optional<Object> kwargs,
                      Optional<String> priority) {
        public TaskOrigin {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(args, "args");
            Objects.requireNonNull(kwargs, "kwargs");
            Objects.requireNonNull(priority, "priority");
        }
    }
}
