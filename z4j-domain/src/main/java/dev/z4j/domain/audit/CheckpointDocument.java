package dev.z4j.domain.audit;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.ports.audit.AuditCheckpoint.InvalidCheckpointException;
import dev.z4j.ports.audit.AuditRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The checkpoint file: one canonical JSON object, {@code signature} = HMAC-SHA256 with the audit key over the
 * canonical JSON of every other member (docs/audit-format.md).
 */
final class CheckpointDocument {

    static final String KIND = "z4j-audit-checkpoint";

    private CheckpointDocument() {
    }

    static AuditCheckpoint sign(AuditRow head, long rows, Instant createdAt, AuditKeys keys) {
        Map<String, Object> body = body(head.seq(), head.id(), head.rowHmac(), head.occurredAt(), rows, createdAt,
                head.keyId());
        String signature = keys.sign(head.keyId(), bytes(body)).orElseThrow(() -> new IllegalStateException(
                "the head row is signed by key " + head.keyId() + ", which this brain does not hold"));
        Map<String, Object> document = new TreeMap<>(body);
        document.put("signature", signature);
        return new AuditCheckpoint(head.seq(), head.id(), head.rowHmac(), head.occurredAt(), rows, createdAt,
                head.keyId(), signature, CanonicalJson.write(document) + "\n");
    }

    static AuditCheckpoint read(String document, AuditKeys keys) {
        Object parsed;
        try {
            parsed = CanonicalJson.parse(document.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException("not a z4j audit checkpoint (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> map) || !KIND.equals(map.get("kind"))) {
            throw new InvalidCheckpointException("not a z4j audit checkpoint (no \"kind\":\"" + KIND + "\")");
        }
        if (!Long.valueOf(1).equals(map.get("v"))) {
            throw new InvalidCheckpointException("unsupported checkpoint version " + map.get("v"));
        }
        try {
            long seq = (Long) map.get("seq");
            UUID auditId = UUID.fromString((String) map.get("audit_id"));
            String rowHmac = (String) map.get("row_hmac");
            Instant occurredAt = Instant.parse((String) map.get("occurred_at"));
            long rows = (Long) map.get("rows");
            Instant createdAt = Instant.parse((String) map.get("created_at"));
            String keyId = (String) map.get("key_id");
            String signature = (String) map.get("signature");
            if (rowHmac == null || keyId == null || signature == null || map.size() != 10) {
                throw new InvalidCheckpointException("the checkpoint is missing members or has extra ones");
            }
            Map<String, Object> body = body(seq, auditId, rowHmac, occurredAt, rows, createdAt, keyId);
            String expected = keys.sign(keyId, bytes(body)).orElseThrow(() -> new InvalidCheckpointException(
                    "the checkpoint is signed by key " + keyId + ", which this brain does not hold; pass that "
                            + "secret with Z4J_PREVIOUS_SECRETS or --previous-secret-file"));
            if (!dev.z4j.domain.support.KeyedHash.constantTimeEquals(expected, signature)) {
                throw new InvalidCheckpointException("the checkpoint's signature does not verify: it was altered "
                        + "or not written by this installation");
            }
            return new AuditCheckpoint(seq, auditId, rowHmac, occurredAt, rows, createdAt, keyId, signature,
                    document);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidCheckpointException("the checkpoint has a missing or malformed member");
        }
    }

    private static Map<String, Object> body(long seq, UUID auditId, String rowHmac, Instant occurredAt, long rows,
                                            Instant createdAt, String keyId) {
        Map<String, Object> body = new TreeMap<>();
        body.put("audit_id", auditId.toString());
        body.put("created_at", timestamp(createdAt));
        body.put("key_id", keyId);
        body.put("kind", KIND);
        body.put("occurred_at", timestamp(occurredAt));
        body.put("row_hmac", rowHmac);
        body.put("rows", rows);
        body.put("seq", seq);
        body.put("v", 1L);
        return body;
    }

    private static String timestamp(Instant instant) {
        return CanonicalRow.timestamp(instant);
    }

    private static byte[] bytes(Map<String, Object> body) {
        return CanonicalJson.write(body).getBytes(StandardCharsets.UTF_8);
    }
}
