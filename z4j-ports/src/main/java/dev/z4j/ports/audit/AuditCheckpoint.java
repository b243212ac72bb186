package dev.z4j.ports.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The chain head at one moment, signed with the audit key, to keep off the box. {@code document} is the file form
 * ({@code z4j audit checkpoint} writes it, {@code --from-checkpoint} reads it back).
 *
 * @param rows how many rows the log held
 */
public record AuditCheckpoint(long seq, UUID auditId, String rowHmac, Instant occurredAt, long rows,
                              Instant createdAt, String keyId, String signature, String document) {
    public AuditCheckpoint {
        if (seq < 1) {
            throw new IllegalArgumentException("a checkpoint names a row (seq >= 1)");
        }
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(rowHmac, "rowHmac");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(document, "document");
    }

    /** The document is not a checkpoint, or its signature does not verify with any key this brain holds. */
    public static final class InvalidCheckpointException extends RuntimeException {
        public InvalidCheckpointException(String message) {
            super(message, null, false, false);
        }
    }
}
