package dev.z4j.adapter.jdbc.audit;

import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.JdbiTypes;
import dev.z4j.ports.audit.AuditLog;
import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredBytes;
import dev.z4j.ports.audit.StoredRow;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * One read transaction over {@code audit_log} that hands rows over as their stored bytes. Each value fetched from
 * the SQLite driver is a native call that costs about a third of hashing a row, so on SQLite the query packs a whole
 * row into one value: the five fixed-width columns ({@code id}, {@code occurred_at}, {@code key_id},
 * {@code prev_row_hmac}, {@code row_hmac}), only when each has its exact length in bytes, then the other ten
 * separated by NUL bytes, each column that may be NULL marked by a first byte (1: NULL, 2: a value follows). The
 * value is split only when it holds exactly nine NUL bytes (the brain never stores one) and every mark is in place, so
 * a value moved across a column boundary cannot hide in the packing; any other row is read again column by column.
 * PostgreSQL formats {@code occurred_at} in the canonical form and gives the uuid and jsonb columns as text.
 */
final class JdbcAuditReader implements AuditReader, StoredBytes {

    private static final int ID = 36;
    private static final int SQLITE_OCCURRED_AT = 26;
    private static final int KEY_ID = 16;
    private static final int HMAC = 64;
    private static final int FIXED = ID + SQLITE_OCCURRED_AT + KEY_ID + HMAC + HMAC;
    /** The variable columns in the order SQLite packs them after the fixed-width ones: required, then nullable. */
    private static final Column[] PACKED_VARIABLE = {
        Column.ACTOR_TYPE, Column.ACTION, Column.TARGET_TYPE, Column.RESULT, Column.METADATA,
        Column.ACTOR_ID, Column.PROJECT_ID, Column.TARGET_ID, Column.SOURCE_IP, Column.USER_AGENT};
    private static final int FIRST_NULLABLE = 5;
    private static final byte NULL_MARK = 1;
    private static final byte VALUE_MARK = 2;
    /** {@code YYYY-MM-DD HH:MM:SS.ffffff}: where SQLite's stored form has its separators ('d' for a digit). */
    private static final byte[] SQLITE_TIMESTAMP = "dddd-dd-dd dd:dd:dd.dddddd".getBytes(StandardCharsets.US_ASCII);
    private static final Column[] COLUMNS = Column.values();

    private static final String SQLITE_SELECT = "SELECT CASE WHEN octet_length(id) = " + ID
            + " AND octet_length(occurred_at) = " + SQLITE_OCCURRED_AT + " AND octet_length(key_id) = " + KEY_ID
            + " AND octet_length(prev_row_hmac) = " + HMAC + " AND octet_length(row_hmac) = " + HMAC
            + " THEN concat(id, occurred_at, key_id, prev_row_hmac, row_hmac, concat_ws(char(0), actor_type, action, "
            + "target_type, result, metadata, " + marked("actor_id") + ", " + marked("project_id") + ", "
            + marked("target_id") + ", " + marked("source_ip") + ", " + marked("user_agent") + ")) END, seq "
            + "FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq";
    private static final String POSTGRES_SELECT = "SELECT to_char(occurred_at AT TIME ZONE 'UTC', "
            + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), id::text, project_id::text, metadata::text, seq, actor_type, "
            + "actor_id, action, target_type, target_id, result, source_ip, user_agent, key_id, prev_row_hmac, "
            + "row_hmac FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq";
    /** The columns {@link #POSTGRES_SELECT} gives as stored, in its order after {@code seq}. */
    private static final Column[] POSTGRES_TEXT = {
        Column.ACTOR_TYPE, Column.ACTOR_ID, Column.ACTION, Column.TARGET_TYPE, Column.TARGET_ID, Column.RESULT,
        Column.SOURCE_IP, Column.USER_AGENT, Column.KEY_ID, Column.PREV_ROW_HMAC, Column.ROW_HMAC};
    private static final Column[] REQUIRED = {
        Column.ID, Column.OCCURRED_AT, Column.ACTOR_TYPE, Column.ACTION, Column.TARGET_TYPE, Column.RESULT,
        Column.METADATA, Column.KEY_ID, Column.PREV_ROW_HMAC, Column.ROW_HMAC};
    /** One row with every column, for {@link #decode()} and for a SQLite row whose packed value does not split. */
    private static final String ONE_ROW = "SELECT " + JdbcAuditLog.COLUMNS + " FROM audit_log WHERE seq = ?";

    private final JdbcAuditLog log;
    private final Handle handle;
    private final boolean sqlite;
    private final long firstSeq;
    private final long lastSeq;
    private final byte[][] arrays = new byte[COLUMNS.length][];
    private final int[] offsets = new int[COLUMNS.length];
    private final int[] lengths = new int[COLUMNS.length];
    private final byte[] occurredAt = new byte[SQLITE_OCCURRED_AT + 1];
    private PreparedStatement statement;
    private PreparedStatement oneRow;
    private long seq;

    /** Begins a read transaction on {@code handle}, which the reader closes, and takes its first and last seq. */
    static JdbcAuditReader open(JdbcAuditLog log, Handle handle, Dialect dialect) {
        return new JdbcAuditReader(log, handle, dialect);
    }

    private JdbcAuditReader(JdbcAuditLog log, Handle handle, Dialect dialect) {
        this.log = log;
        this.handle = handle;
        this.sqlite = dialect == Dialect.SQLITE;
        try {
            if (!sqlite) {
                handle.getConnection().setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            handle.begin();
            // two subqueries: SQLite answers MIN or MAX alone from the primary key, but scans for both at once
            long[] bounds = handle.createQuery(
                            "SELECT (SELECT MIN(seq) FROM audit_log), (SELECT MAX(seq) FROM audit_log)")
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            firstSeq = bounds[0];
            lastSeq = bounds[1];
        } catch (SQLException | RuntimeException e) {
            handle.close();
            throw new IllegalStateException("cannot read audit_log: " + e.getMessage(), e);
        }
    }

    @Override
    public long firstSeq() {
        return firstSeq;
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public void read(long fromSeq, long toSeq, Predicate<StoredBytes> visitor) {
        try {
            if (statement == null) {
                statement = handle.getConnection().prepareStatement(sqlite ? SQLITE_SELECT : POSTGRES_SELECT,
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(1024);
            }
            statement.setLong(1, fromSeq);
            statement.setLong(2, toSeq);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (sqlite) {
                        fillSqlite(rs);
                    } else {
                        fillPostgres(rs);
                    }
                    if (!visitor.test(this)) {
                        break;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audit_log: " + e.getMessage(), e);
        }
    }

    private static String marked(String nullable) {
        return "iif(" + nullable + " IS NULL, char(" + NULL_MARK + "), char(" + VALUE_MARK + ") || " + nullable + ")";
    }

    private void fillSqlite(ResultSet rs) throws SQLException {
        seq = rs.getLong(2);
        byte[] packed = rs.getBytes(1);
        if (packed == null || !unpacked(packed)) {
            fillFromOneRow();
        }
    }

    /** Splits the packed value; false when it does not hold exactly one marked value per packed column. */
    private boolean unpacked(byte[] packed) {
        if (packed.length < FIXED) {
            return false;
        }
        int column = 0;
        int start = FIXED;
        for (int end = FIXED; end <= packed.length; end++) {
            if (end == packed.length || packed[end] == 0) {
                if (column == PACKED_VARIABLE.length || !unpacked(column++, packed, start, end)) {
                    return false;
                }
                start = end + 1;
            }
        }
        if (column != PACKED_VARIABLE.length) {
            return false;
        }
        set(Column.ID, packed, 0, ID);
        set(Column.KEY_ID, packed, ID + SQLITE_OCCURRED_AT, KEY_ID);
        set(Column.PREV_ROW_HMAC, packed, ID + SQLITE_OCCURRED_AT + KEY_ID, HMAC);
        set(Column.ROW_HMAC, packed, ID + SQLITE_OCCURRED_AT + KEY_ID + HMAC, HMAC);
        canonicalTimestamp(packed, ID);
        return true;
    }

    /** Sets packed column {@code index} from {@code packed[start, end)}; false when a nullable one is not marked. */
    private boolean unpacked(int index, byte[] packed, int start, int end) {
        Column column = PACKED_VARIABLE[index];
        if (index < FIRST_NULLABLE) {
            set(column, packed, start, end - start);
        } else if (end - start == 1 && packed[start] == NULL_MARK) {
            set(column, null);
        } else if (end > start && packed[start] == VALUE_MARK) {
            set(column, packed, start + 1, end - start - 1);
        } else {
            return false;
        }
        return true;
    }

    private void fillFromOneRow() throws SQLException {
        try (ResultSet row = oneRow()) {
            row.next();
            for (Column column : COLUMNS) {
                set(column, row.getBytes(column.ordinal() + 2));
            }
            byte[] stored = arrays[Column.OCCURRED_AT.ordinal()];
            if (stored != null && stored.length == SQLITE_OCCURRED_AT) {
                canonicalTimestamp(stored, 0);
            } else {
                set(Column.OCCURRED_AT, null);
            }
        }
    }

    /** The current row with every column, in {@link JdbcAuditLog#COLUMNS} order; positioned before it. */
    private ResultSet oneRow() throws SQLException {
        if (oneRow == null) {
            oneRow = handle.getConnection().prepareStatement(ONE_ROW);
        }
        oneRow.setLong(1, seq);
        return oneRow.executeQuery();
    }

    /** SQLite's {@code YYYY-MM-DD HH:MM:SS.ffffff} as {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}; missing in another form. */
    private void canonicalTimestamp(byte[] stored, int from) {
        for (int i = 0; i < SQLITE_OCCURRED_AT; i++) {
            byte b = stored[from + i];
            byte expected = SQLITE_TIMESTAMP[i];
            if (expected == 'd' ? b < '0' || b > '9' : b != expected) {
                set(Column.OCCURRED_AT, null);
                return;
            }
        }
        System.arraycopy(stored, from, occurredAt, 0, SQLITE_OCCURRED_AT);
        occurredAt[10] = 'T';
        occurredAt[SQLITE_OCCURRED_AT] = 'Z';
        set(Column.OCCURRED_AT, occurredAt);
    }

    private void fillPostgres(ResultSet rs) throws SQLException {
        set(Column.OCCURRED_AT, rs.getBytes(1));
        set(Column.ID, rs.getBytes(2));
        set(Column.PROJECT_ID, rs.getBytes(3));
        set(Column.METADATA, rs.getBytes(4));
        seq = rs.getLong(5);
        for (int i = 0; i < POSTGRES_TEXT.length; i++) {
            set(POSTGRES_TEXT[i], rs.getBytes(6 + i));
        }
    }

    private void set(Column column, byte[] value) {
        set(column, value, 0, value == null ? -1 : value.length);
    }

    private void set(Column column, byte[] array, int offset, int length) {
        arrays[column.ordinal()] = array;
        offsets[column.ordinal()] = offset;
        lengths[column.ordinal()] = length;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public byte[] array(Column column) {
        return arrays[column.ordinal()];
    }

    @Override
    public int offset(Column column) {
        return offsets[column.ordinal()];
    }

    @Override
    public int length(Column column) {
        return lengths[column.ordinal()];
    }

    /**
     * From the bytes already read when every value has the form the brain stores, else read again with every column
     * as {@link AuditLog#find} does; either way the same row.
     */
    @Override
    public StoredRow decode() {
        AuditRow fromBytes = decodedFromBytes();
        if (fromBytes != null) {
            return fromBytes;
        }
        try (ResultSet row = oneRow()) {
            row.next();
            return log.map(row);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audit_log: " + e.getMessage(), e);
        }
    }

    private AuditRow decodedFromBytes() {
        for (Column column : REQUIRED) {
            if (length(column) < 0) {
                return null;
            }
        }
        try {
            byte[] at = Arrays.copyOfRange(array(Column.OCCURRED_AT), offset(Column.OCCURRED_AT),
                    offset(Column.OCCURRED_AT) + length(Column.OCCURRED_AT));
            if (at.length != SQLITE_OCCURRED_AT + 1) {
                return null;
            }
            at[10] = ' ';
            Instant occurredAt = JdbiTypes.sqliteInstant(new String(at, 0, SQLITE_OCCURRED_AT,
                    StandardCharsets.ISO_8859_1));
            String project = text(Column.PROJECT_ID);
            return new AuditRow(seq, UUID.fromString(text(Column.ID)), occurredAt, text(Column.ACTOR_TYPE),
                    Optional.ofNullable(text(Column.ACTOR_ID)),
                    Optional.ofNullable(project == null ? null : UUID.fromString(project)), text(Column.ACTION),
                    text(Column.TARGET_TYPE), Optional.ofNullable(text(Column.TARGET_ID)), text(Column.RESULT),
                    Optional.ofNullable(text(Column.SOURCE_IP)), Optional.ofNullable(text(Column.USER_AGENT)),
                    text(Column.METADATA), text(Column.KEY_ID), text(Column.PREV_ROW_HMAC), text(Column.ROW_HMAC));
        } catch (IllegalArgumentException | DateTimeException unusual) {
            return null;
        }
    }

    private String text(Column column) {
        return length(column) < 0 ? null
                : new String(array(column), offset(column), length(column), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            if (statement != null) {
                statement.close();
            }
            if (oneRow != null) {
                oneRow.close();
            }
        } catch (SQLException ignored) {
            // the connection goes back to the pool either way; rolling back below ends the transaction
        } finally {
            try {
                handle.rollback();
            } finally {
                handle.close();
            }
        }
    }
}
