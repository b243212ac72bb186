package dev.z4j.adapter.jdbc.audit;

import dev.z4j.adapter.jdbc.support.JdbiTypes;
import dev.z4j.ports.audit.AuditRow;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQLite audit walk's fast read. Each value fetched from the SQLite driver is a native call that costs more than
 * checking the row's HMAC, so SQLite packs the five fixed-width columns ({@code id}, {@code occurred_at},
 * {@code key_id}, {@code prev_row_hmac}, {@code row_hmac}) into one value, but only when each has its exact length:
 * a value moved across a column boundary cannot hide in the packing. Text is fetched as UTF-8 bytes and decoded
 * here. A row whose packed value is missing or not of the stored forms is read column by column instead, where an
 * unusual value becomes an unreadable row or a failed HMAC as before.
 */
final class PackedSqliteRow {

    private static final int ID = 36;
    private static final int OCCURRED_AT = 26;
    private static final int KEY_ID = 16;
    private static final int HMAC = 64;
    private static final int PACKED = ID + OCCURRED_AT + KEY_ID + HMAC + HMAC;

    /** Selects the packed value first; {@link JdbcAuditLog}'s columns follow, from the second on. */
    static final String SELECT = "SELECT CASE WHEN length(id) = " + ID + " AND length(occurred_at) = " + OCCURRED_AT
            + " AND length(key_id) = " + KEY_ID + " AND length(prev_row_hmac) = " + HMAC + " AND length(row_hmac) = "
            + HMAC + " THEN id || occurred_at || key_id || prev_row_hmac || row_hmac END, ";

    private PackedSqliteRow() {
    }

    /** The current row, or null when it must be read column by column. */
    static AuditRow read(ResultSet rs) throws SQLException {
        byte[] packed = rs.getBytes(1);
        if (packed == null || packed.length != PACKED || !ascii(packed)) {
            return null;
        }
        try {
            return read(rs, packed);
        } catch (IllegalArgumentException | DateTimeParseException unusual) {
            return null;
        }
    }

    private static AuditRow read(ResultSet rs, byte[] packed) throws SQLException {
        UUID id = uuid(packed, 0);
        Instant occurredAt = JdbiTypes.sqliteInstant(text(packed, ID, OCCURRED_AT));
        String actorType = utf8(rs.getBytes(5));
        byte[] project = rs.getBytes(7);
        UUID projectId = project == null ? null : project.length == ID ? uuid(project, 0) : null;
        String action = utf8(rs.getBytes(8));
        String targetType = utf8(rs.getBytes(9));
        String result = utf8(rs.getBytes(11));
        String metadata = utf8(rs.getBytes(14));
        if (id == null || occurredAt == null || actorType == null || (project != null && projectId == null)
                || action == null || targetType == null || result == null || metadata == null) {
            return null;
        }
        int at = ID + OCCURRED_AT;
        return new AuditRow(rs.getLong(2), id, occurredAt, actorType, Optional.ofNullable(utf8(rs.getBytes(6))),
                Optional.ofNullable(projectId), action, targetType, Optional.ofNullable(utf8(rs.getBytes(10))), result,
                Optional.ofNullable(utf8(rs.getBytes(12))), Optional.ofNullable(utf8(rs.getBytes(13))), metadata,
                text(packed, at, KEY_ID), text(packed, at + KEY_ID, HMAC), text(packed, at + KEY_ID + HMAC, HMAC));
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] ascii, int from, int length) {
        return new String(ascii, from, length, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A UUID in the form the brain stores (lowercase, hyphenated), else null. */
    private static UUID uuid(byte[] b, int at) {
        long most = 0;
        long least = 0;
        for (int i = 0; i < ID; i++) {
            int c = b[at + i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int nibble = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (nibble < 0) {
                return null;
            }
            if (i < 18) {
                most = most << 4 | nibble;
            } else {
                least = least << 4 | nibble;
            }
        }
        return new UUID(most, least);
    }
}
