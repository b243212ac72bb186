package dev.z4j.ports.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a caller asks the audit trail to record. The trail adds {@code seq}, {@code id}, {@code occurred_at},
 * {@code key_id} and the chain HMACs. {@code metadata} is a JSON object and must never contain a secret: values are
 * String, Boolean, null, integral or decimal numbers (finite), List and Map; anything else (a UUID, an Instant, an
 * enum) is stored as its {@code toString()}, and an {@link Optional} as its value or null (see {@link JsonValues}).
 *
 * @param result {@code success}, {@code failed} or {@code denied}
 */
public record AuditEntry(Actor actor, Optional<UUID> projectId, String action, String targetType,
                         Optional<String> targetId, String result, Optional<String> sourceIp,
                         Optional<String> userAgent, Map<String, Object> metadata) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(projectId, "projectId");
        requireText(action, "action");
        requireText(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        requireText(result, "result");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
        metadata = JsonValues.object(metadata);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** A successful action with no request context (CLI, system); add context with the {@code with...} methods. */
    public static AuditEntry of(Actor actor, String action, String targetType, String targetId) {
        return new AuditEntry(actor, Optional.empty(), action, targetType, Optional.ofNullable(targetId), "success",
                Optional.empty(), Optional.empty(), Map.of());
    }

    public AuditEntry withProject(UUID project) {
        return new AuditEntry(actor, Optional.of(project), action, targetType, targetId, result, sourceIp, userAgent,
                metadata);
    }

    public AuditEntry withResult(String newResult) {
        return new AuditEntry(actor, projectId, action, targetType, targetId, newResult, sourceIp, userAgent, metadata);
    }

    public AuditEntry withRequest(String ip, String agent) {
        return new AuditEntry(actor, projectId, action, targetType, targetId, result, Optional.ofNullable(ip),
                Optional.ofNullable(agent), metadata);
    }

    public AuditEntry withMetadata(Map<String, Object> newMetadata) {
        return new AuditEntry(actor, projectId, action, targetType, targetId, result, sourceIp, userAgent, newMetadata);
    }
}
