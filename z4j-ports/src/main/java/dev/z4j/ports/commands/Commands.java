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
     * Issues {@code action} with the fields of {@code request} (the JSON body of the route: {@code agent_id},
     * an optional {@code idempotency_key}, and the action's own fields, upstream's names).
     *
     * @return the command as stored (the existing one when the idempotency key was used before in this project)
     * @throws dev.z4j.ports.support.Refusal INVALID (unknown action, bad field), NOT_FOUND (project, agent),
     *         FORBIDDEN, BUSY with reason {@code agent_offline} when no connection of the agent exists
     */
    CommandView issue(Caller caller, String projectSlug, String action, Map<String, Object> request);

    /** The project's commands, newest first, optionally of one status. */
    CommandPage list(Caller caller, String projectSlug, Optional<String> status, Optional<String> cursor, int limit);

    /** @throws dev.z4j.ports.support.Refusal NOT_FOUND when the command is not one of the project's */
    CommandView get(Caller caller, String projectSlug, UUID commandId);

    /** Moves commands whose time ran out to {@code timeout}; returns how many. */
    int sweepTimeouts();
}
