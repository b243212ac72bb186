package dev.z4j.domain.audit;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredBytes;
import dev.z4j.ports.audit.StoredBytes.Column;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 *
 * <p>Two writers make the same bytes, one from a decoded row (signing, the one-by-one check) and one from stored
 * bytes (the walk); {@code CanonicalRowTest} holds them equal. Writing a decoded row through a {@link StoredBytes}
 * view of it was tried: the walk's calls then met two implementations, and the first walk after recording fell from
 * 557,687 to 467,305 rows/s (docs/performance.md "Audit").
 */
final class CanonicalRow {

    static final int VERSION = 1;
    private static final byte[] HEX = constant("0123456789abcdef");
    private static final byte[] ACTION = constant("{\"action\":");
    private static final byte[] ACTOR_ID = constant(",\"actor_id\":");
    private static final byte[] ACTOR_TYPE = constant(",\"actor_type\":");
    private static final byte[] ID = constant(",\"id\":");
    private static final byte[] KEY_ID = constant(",\"key_id\":");
    private static final byte[] METADATA = constant(",\"metadata\":");
    private static final byte[] OCCURRED_AT = constant(",\"occurred_at\":");
    private static final byte[] PREV_ROW_HMAC = constant(",\"prev_row_hmac\":");
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
    /** The stored columns in canonical key order (null: {@code seq}), and the key each is written under. */
    private static final Column[] KEY_ORDER = {
        Column.ACTION, Column.ACTOR_ID, Column.ACTOR_TYPE, Column.ID, Column.KEY_ID, Column.METADATA,
        Column.OCCURRED_AT, Column.PREV_ROW_HMAC, Column.PROJECT_ID, Column.RESULT, null, Column.SOURCE_IP,
        Column.TARGET_ID, Column.TARGET_TYPE, Column.USER_AGENT};
    private static final byte[][] KEYS = {
        ACTION, ACTOR_ID, ACTOR_TYPE, ID, KEY_ID, METADATA, OCCURRED_AT, PREV_ROW_HMAC, PROJECT_ID, RESULT, SEQ,
        SOURCE_IP, TARGET_ID, TARGET_TYPE, USER_AGENT};
    private static final Column[] REQUIRED = {
        Column.ACTION, Column.ACTOR_TYPE, Column.ID, Column.KEY_ID, Column.METADATA, Column.OCCURRED_AT,
        Column.PREV_ROW_HMAC, Column.RESULT, Column.TARGET_TYPE};

    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

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
        raw(QUOTE);
        ascii(row.id().toString());
        raw(QUOTE);
        raw(KEY_ID);
        string(row.keyId());
        raw(METADATA);
        utf8(metadata);
        raw(OCCURRED_AT);
        raw(QUOTE);
        writeTimestamp(row.occurredAt());
        raw(QUOTE);
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

    /**
     * Replaces the buffer's content with the canonical bytes of a row read as its stored bytes, every text value
     * escaped as a JSON string so that no value can reach into the next; equal to {@link #write(AuditRow)} of the
     * decoded row whenever the stored values are the ones the brain wrote. False, with the buffer undefined, when a
     * required column is missing or the metadata is not a JSON object: the caller then reads the row decoded.
     */
    boolean write(StoredBytes row) {
        for (Column column : REQUIRED) {
            if (row.length(column) < 0) {
                return false;
            }
        }
        int metadataLength = row.length(Column.METADATA);
        String stored = new String(row.array(Column.METADATA), row.offset(Column.METADATA), metadataLength,
                StandardCharsets.UTF_8);
        byte[] rewritten = null;
        if (!stored.startsWith("{") || !CanonicalJson.isCanonical(stored)) {
            try {
                rewritten = rewritten(stored).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notAnObject) {
                return false;
            }
        }
        size = 0;
        for (int i = 0; i < KEY_ORDER.length; i++) {
            raw(KEYS[i]);
            Column column = KEY_ORDER[i];
            if (column == null) {
                ascii(Long.toString(row.seq()));
            } else if (column != Column.METADATA) {
                string(row, column);
            } else if (rewritten == null) {
                raw(row.array(Column.METADATA), row.offset(Column.METADATA), metadataLength);
            } else {
                raw(rewritten);
            }
        }
        raw(END);
        return true;
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
        raw(bytes, 0, bytes.length);
    }

    private void raw(byte[] bytes, int from, int length) {
        room(length);
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
    }

    /** A stored column as a JSON string, or {@code null} when it is missing. */
    private void string(StoredBytes row, Column column) {
        int length = row.length(column);
        if (length < 0) {
            raw(NULL);
        } else {
            string(row.array(column), row.offset(column), length);
        }
    }

    /**
     * A JSON string: the JDK's UTF-8 (an unpaired surrogate becomes {@code ?}; the brain replaces them before signing,
     * so only a hand edit stores one), escaped byte by byte. That is exact because every byte of a multi-byte UTF-8
     * sequence is 0x80 or above, while escapes only concern quote, backslash and the C0 controls.
     */
    private void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        string(utf8, 0, utf8.length);
    }

    private void string(byte[] utf8, int from, int length) {
        room(6 * length + 2);
        buffer[size++] = '"';
        int end = from + length;
        int run = from;
        while (run < end) {
            int i = run;
            while (i + Long.BYTES <= end && allPlain((long) EIGHT_BYTES.get(utf8, i))) {
                i += Long.BYTES;
            }
            while (i < end && plain(utf8[i])) {
                i++;
            }
            System.arraycopy(utf8, run, buffer, size, i - run);
            size += i - run;
            if (i < end) {
                escaped((char) utf8[i]);
                i++;
            }
            run = i;
        }
        buffer[size++] = '"';
    }

    /**
     * Whether none of eight bytes needs an escape, tested on all eight at once: a byte below 0x20, or equal to a quote
     * or a backslash, sets its high bit in one of the three terms (the usual "has zero byte" and "has byte less than"
     * tests, which never miss one).
     */
    private static boolean allPlain(long eight) {
        long quotes = eight ^ 0x2222222222222222L;
        long backslashes = eight ^ 0x5C5C5C5C5C5C5C5CL;
        long controls = (eight - 0x2020202020202020L) & ~eight;
        return ((controls | (quotes - 0x0101010101010101L) & ~quotes
                | (backslashes - 0x0101010101010101L) & ~backslashes) & 0x8080808080808080L) == 0;
    }

    /** Copied as it is: all but quote, backslash and the C0 controls (bytes of multi-byte sequences are negative). */
    private static boolean plain(byte b) {
        return b >= 0x20 && b != '"' && b != '\\' || b < 0;
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
