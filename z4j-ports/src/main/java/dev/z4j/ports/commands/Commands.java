package dev.z4j.ports.commands;

import dev.z4j.ports.identity.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * In-port: operator commands to agents. Each issuance is authorized for its action, stored with its audit row in one
 * transaction, then delivered over the agent's channel; the agent's acknowledgement and result move it on
 * ({@code pending → dispatched → completed | failed | timeout}).
 */
public interface Commands {

    /**
     * Issues {@code action}, named as its route is ({@code retry-task}, {@code cancel-task}, {@code bulk-retry},
     * {@code purge-queue}, {@code restart-worker}, {@code pool-resize}, {@code add-consumer},
     * {@code cancel-consumer}, {@code rate-limit}), with the fields of {@code request} (the JSON body of the route:
     * an optional {@code agent_id}, an optional {@code idempotency_key}, and the action's own fields, upstream's
     * names).
     *
     * @return the command as stored, and whether this call created it (false: the idempotency key was used before
     *         in this project and the earlier command is returned)
     * @throws dev.z4j.ports.support.Refusal INVALID (unknown action, bad field), NOT_FOUND (project, agent),
     *         FORBIDDEN, BUSY with reason {@code agent_offline} when no agent that could run it is reachable
     */
    IssuedCommand issue(Caller caller, String projectSlug, String action, Map<String, Object> request);

    /** The project's commands, newest first, optionally of one status. */
    CommandPage list(Caller caller, String projectSlug, Optional<String> status, Optional<String> cursor, int limit);

    /** @throws dev.z4j.ports.support.Refusal NOT_FOUND when the command is not one of the project's */
    CommandView get(Caller caller, String projectSlug, UUID commandId);

    /** Moves commands whose time ran out to {@code timeout}; returns how many. */
    int sweepTimeouts();
}
