package dev.z4j.domain.audit;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.AuditRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical bytes of an audit row, HMAC version 1 (docs/audit-format.md): a JSON object of every column but
 * {@code row_hmac}, plus {@code "v":1}, keys in code point order, in {@link CanonicalJson}'s form. The bytes are
 * written straight into a buffer as UTF-8, with no intermediate text: a verify walk reuses one instance for
 * millions of rows, so this is where its time goes.
 */
final class CanonicalRow {

    static final int VERSION = 1;
    private static final byte[] HEX = constant("0123456789abcdef");
    private static final byte[] ACTION = constant("{\"action\":");
    private static final byte[] ACTOR_ID = constant(",\"actor_id\":");
    private static final byte[] ACTOR_TYPE = constant(",\"actor_type\":");
    private static final byte[] ID = constant(",\"id\":\"");
    private static final byte[] KEY_ID = constant("\",\"key_id\":");
    private static final byte[] METADATA = constant(",\"metadata\":");
    private static final byte[] OCCURRED_AT = constant(",\"occurred_at\":\"");
    private static final byte[] PREV_ROW_HMAC = constant("\",\"prev_row_hmac\":");
    private static final byte[] PROJECT_ID = constant(",\"project_id\":");
    private static final byte[] RESULT = constant(",\"result\":");
    private static final byte[] SEQ = constant(",\"seq\":");
    private static final byte[] SOURCE_IP = constant(",\"source_ip\":");
    private static final byte[] TARGET_ID = constant(",\"target_id\":");
    private static final byte[] TARGET_TYPE = constant(",\"target_type\":");
    private static final byte[] USER_AGENT = constant(",\"user_agent\":");
    private static final byte[] END = constant(",\"v\":" + VERSION + "}");
    private static final byte[] QUOTE = constant("\"");
    private static final byte[] NULL = constant("null");

    private byte[] buffer = new byte[1024];
    private int size;

    /** @throws IllegalArgumentException when the stored metadata is not a JSON object */
    static byte[] bytes(AuditRow row) {
        CanonicalRow canonical = new CanonicalRow().write(row);
        return Arrays.copyOf(canonical.buffer, canonical.size);
    }

    /** The bytes written last; valid up to {@link #size()} until the next {@link #write}. */
    byte[] buffer() {
        return buffer;
    }

    int size() {
        return size;
    }

    /**
     * Replaces the buffer's content with the row's canonical bytes.
     *
     * @throws IllegalArgumentException when the stored metadata is not a JSON object
     */
    CanonicalRow write(AuditRow row) {
        String stored = row.metadataJson();
        String metadata = stored.startsWith("{") && CanonicalJson.isCanonical(stored) ? stored : rewritten(stored);
        size = 0;
        raw(ACTION);
        string(row.action());
        raw(ACTOR_ID);
        nullable(row.actorId());
        raw(ACTOR_TYPE);
        string(row.actorType());
        raw(ID);
        ascii(row.id().toString());
        raw(KEY_ID);
        string(row.keyId());
        raw(METADATA);
        utf8(metadata);
        raw(OCCURRED_AT);
        writeTimestamp(row.occurredAt());
        raw(PREV_ROW_HMAC);
        string(row.prevRowHmac());
        raw(PROJECT_ID);
        if (row.projectId().isPresent()) {
            raw(QUOTE);
            ascii(row.projectId().get().toString());
            raw(QUOTE);
        } else {
            raw(NULL);
        }
        raw(RESULT);
        string(row.result());
        raw(SEQ);
        ascii(Long.toString(row.seq()));
        raw(SOURCE_IP);
        nullable(row.sourceIp());
        raw(TARGET_ID);
        nullable(row.targetId());
        raw(TARGET_TYPE);
        string(row.targetType());
        raw(USER_AGENT);
        nullable(row.userAgent());
        raw(END);
        return this;
    }

    /** Stored metadata that is not already canonical (PostgreSQL jsonb reformats it): parsed and written again. */
    private static String rewritten(String stored) {
        Object metadata = CanonicalJson.parse(stored);
        if (!(metadata instanceof Map)) {
            throw new IllegalArgumentException("metadata is not a JSON object");
        }
        return CanonicalJson.write(metadata);
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} in UTC. The chain stores microseconds; an instant with finer digits (only
     * a hand-edited row has them) is written with nine, so the edit cannot hide in the rounding.
     */
    static String timestamp(Instant instant) {
        CanonicalRow text = new CanonicalRow();
        text.writeTimestamp(instant);
        return new String(text.buffer, 0, text.size, StandardCharsets.US_ASCII);
    }

    private void writeTimestamp(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        room(40);
        String year = Integer.toString(t.getYear());
        ascii("0000".substring(Math.min(4, year.length())) + year); // at least four digits, all of a later year
        buffer[size++] = '-';
        digits(t.getMonthValue(), 2);
        buffer[size++] = '-';
        digits(t.getDayOfMonth(), 2);
        buffer[size++] = 'T';
        digits(t.getHour(), 2);
        buffer[size++] = ':';
        digits(t.getMinute(), 2);
        buffer[size++] = ':';
        digits(t.getSecond(), 2);
        buffer[size++] = '.';
        int nanos = t.getNano();
        if (nanos % 1000 == 0) {
            digits(nanos / 1000, 6);
        } else {
            digits(nanos, 9);
        }
        buffer[size++] = 'Z';
    }

    private void digits(int value, int width) {
        room(width);
        for (int i = size + width - 1; i >= size; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    private void nullable(Optional<String> value) {
        if (value.isPresent()) {
            string(value.get());
        } else {
            raw(NULL);
        }
    }

    private static byte[] constant(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    private void raw(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    /**
     * A JSON string: the JDK's UTF-8 (an unpaired surrogate becomes {@code ?}; the brain replaces them before signing,
     * so only a hand edit stores one), escaped byte by byte. That is exact because every byte of a multi-byte UTF-8
     * sequence is 0x80 or above, while escapes only concern quote, backslash and the C0 controls.
     */
    private void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        room(6 * utf8.length + 2);
        buffer[size++] = '"';
        for (byte b : utf8) {
            if (b >= 0x20 && b != '"' && b != '\\' || b < 0) {
                buffer[size++] = b;
            } else {
                escaped((char) b);
            }
        }
        buffer[size++] = '"';
    }

    /** Text known to be ASCII (names, digits, a UUID). */
    private void ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buffer[size++] = (byte) s.charAt(i);
        }
    }

    private void utf8(String s) {
        raw(s.getBytes(StandardCharsets.UTF_8));
    }

    private void escaped(char c) {
        buffer[size++] = '\\';
        switch (c) {
            case '"' -> buffer[size++] = '"';
            case '\\' -> buffer[size++] = '\\';
            case '\n' -> buffer[size++] = 'n';
            case '\r' -> buffer[size++] = 'r';
            case '\t' -> buffer[size++] = 't';
            case '\b' -> buffer[size++] = 'b';
            case '\f' -> buffer[size++] = 'f';
            default -> {
                buffer[size++] = 'u';
                buffer[size++] = '0';
                buffer[size++] = '0';
                buffer[size++] = HEX[c >> 4];
                buffer[size++] = HEX[c & 0xF];
            }
        }
    }

    private void room(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
