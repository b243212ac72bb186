package dev.z4j.ports.commands;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A command as stored (upstream's CommandPublic).
 *
 * @param issuedBy    the user who issued it, when a user did
 * @param issuerType  who issued it, as the audit log names actors: {@code user}, {@code agent}, {@code cli}, ...
 * @param issuerId    that actor's id, when it has one
 * @param payload     the parameters sent to the agent
 * @param status      {@code pending}, {@code dispatched}, {@code completed}, {@code failed} or {@code timeout}
 */
public record CommandView(UUID id, UUID projectId, Optional<UUID> agentId, Optional<UUID> issuedBy,
                          String issuerType, Optional<String> issuerId, String action, String targetType,
                          Optional<String> targetId, Map<String, Object> payload, Optional<String> idempotencyKey,
                          String status, Optional<Map<String, Object>> result, Optional<String> error,
                          Instant issuedAt, Optional<Instant> dispatchedAt, Optional<Instant> completedAt,
                          Instant timeoutAt) {

    public CommandView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(issuerType, "issuerType");
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(timeoutAt, "timeoutAt");
    }
}
