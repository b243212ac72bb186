package dev.z4j.ports.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of {@code audit_log} exactly as stored: the columns of SPEC §4. {@code actorType} is the wire name
 * ({@link Actor.Type#wire()}) and {@code metadataJson} the JSON text of the metadata object; both are kept as
 * stored so a tampered value reaches verification instead of failing on the way.
 */
public record AuditRow(long seq, UUID id, Instant occurredAt, String actorType, Optional<String> actorId,
                       Optional<UUID> projectId, String action, String targetType, Optional<String> targetId,
                       String result, Optional<String> sourceIp, Optional<String> userAgent, String metadataJson,
                       String keyId, String prevRowHmac, String rowHmac) implements StoredRow {

    public AuditRow {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1 (got " + seq + ")");
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(metadataJson, "metadataJson");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(prevRowHmac, "prevRowHmac");
        Objects.requireNonNull(rowHmac, "rowHmac");
    }
}
