package dev.z4j.domain.audit;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.AuditRow;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical bytes of an audit row, HMAC version 1 (docs/audit-format.md): a JSON object of every column but
 * {@code row_hmac}, plus {@code "v":1}, keys in code point order, in {@link CanonicalJson}'s form.
 */
final class CanonicalRow {

    static final int VERSION = 1;

    private CanonicalRow() {
    }

    /** @throws IllegalArgumentException when the stored metadata is not a JSON object */
    static byte[] bytes(AuditRow row) {
        return text(row).getBytes(StandardCharsets.UTF_8);
    }

    static String text(AuditRow row) {
        String stored = row.metadataJson();
        boolean verbatim = stored.startsWith("{") && CanonicalJson.isCanonical(stored);
        Object metadata = verbatim ? null : CanonicalJson.parse(stored);
        if (!verbatim && !(metadata instanceof Map)) {
            throw new IllegalArgumentException("metadata is not a JSON object");
        }
        StringBuilder b = new StringBuilder(320 + row.metadataJson().length());
        b.append("{\"action\":");
        CanonicalJson.string(b, row.action());
        b.append(",\"actor_id\":");
        nullable(b, row.actorId());
        b.append(",\"actor_type\":");
        CanonicalJson.string(b, row.actorType());
        b.append(",\"id\":");
        CanonicalJson.string(b, row.id().toString());
        b.append(",\"key_id\":");
        CanonicalJson.string(b, row.keyId());
        b.append(",\"metadata\":");
        if (verbatim) {
            b.append(stored);
        } else {
            CanonicalJson.append(b, metadata);
        }
        b.append(",\"occurred_at\":\"");
        timestamp(b, row.occurredAt());
        b.append("\",\"prev_row_hmac\":");
        CanonicalJson.string(b, row.prevRowHmac());
        b.append(",\"project_id\":");
        nullable(b, row.projectId().map(Object::toString));
        b.append(",\"result\":");
        CanonicalJson.string(b, row.result());
        b.append(",\"seq\":").append(row.seq());
        b.append(",\"source_ip\":");
        nullable(b, row.sourceIp());
        b.append(",\"target_id\":");
        nullable(b, row.targetId());
        b.append(",\"target_type\":");
        CanonicalJson.string(b, row.targetType());
        b.append(",\"user_agent\":");
        nullable(b, row.userAgent());
        b.append(",\"v\":").append(VERSION).append('}');
        return b.toString();
    }

    private static void nullable(StringBuilder b, Optional<String> value) {
        if (value.isPresent()) {
            CanonicalJson.string(b, value.get());
        } else {
            b.append("null");
        }
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} in UTC. The chain stores microseconds; an instant with finer digits (only
     * a hand-edited row has them) is written with nine, so the edit cannot hide in the rounding.
     */
    static void timestamp(StringBuilder b, java.time.Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        int nanos = t.getNano();
        if (nanos % 1000 == 0) {
            pad(b, nanos / 1000, 6);
        } else {
            pad(b, nanos, 9);
        }
        b.append('Z');
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }
}
