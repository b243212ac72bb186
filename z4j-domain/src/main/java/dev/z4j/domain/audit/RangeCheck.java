package dev.z4j.domain.audit;

import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.ChainActions;
import dev.z4j.ports.audit.StoredBytes;
import dev.z4j.ports.audit.StoredBytes.Column;
import dev.z4j.ports.audit.StoredRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks one range of seq from the rows' stored bytes, on a verification thread of its own. The common case, a run
 * of ordinary rows, comes back as a {@link Run}: its first row decoded, for the {@link ChainWalk} to test in full
 * (the link into the range, the key change, the row's HMAC), and a count of the rows after it, which this check found
 * linked one to the next, under the first row's key, each HMAC verified when the key is held, none announcing a key.
 * Anything else (a broken link, a failed HMAC, another key, a rotation, an unusual stored value) comes back as every
 * row of the range decoded ({@link Rows}), for the walk to test one by one: it alone decides what is broken and how
 * to report it. Not thread-safe: one instance per thread.
 */
final class RangeCheck implements Predicate<StoredBytes> {

    sealed interface Result permits Run, Rows {
    }

    record Run(AuditRow first, long more, long lastSeq, String lastRowHmac) implements Result {
    }

    record Rows(List<StoredRow> rows) implements Result {
    }

    private static final int HMAC_HEX = 64;
    private static final byte[] SECRET_ROTATED = ChainActions.SECRET_ROTATED.getBytes(StandardCharsets.UTF_8);

    private final AuditKeys keys;
    private final CanonicalRow canonical = new CanonicalRow();
    private final byte[] lastRowHmac = new byte[HMAC_HEX];
    private byte[] keyId = new byte[0];
    private AuditRow first;
    private boolean keyHeld;
    private long count;
    private long lastSeq;
    private boolean ordinary;

    RangeCheck(AuditKeys keys) {
        this.keys = keys;
    }

    Result check(AuditReader reader, long fromSeq, long toSeq) {
        first = null;
        count = 0;
        ordinary = true;
        reader.read(fromSeq, toSeq, this);
        if (ordinary && first != null) {
            return new Run(first, count - 1, lastSeq, new String(lastRowHmac, StandardCharsets.US_ASCII));
        }
        List<StoredRow> rows = new ArrayList<>();
        reader.read(fromSeq, toSeq, row -> rows.add(row.decode()));
        return new Rows(rows);
    }

    @Override
    public boolean test(StoredBytes row) {
        if (count == 0) {
            if (!(row.decode() instanceof AuditRow decoded)) {
                return unusual();
            }
            first = decoded;
            keyHeld = keys.holds(decoded.keyId());
            keyId = Arrays.copyOfRange(row.array(Column.KEY_ID), row.offset(Column.KEY_ID),
                    row.offset(Column.KEY_ID) + row.length(Column.KEY_ID));
        } else if (!equal(row, Column.KEY_ID, keyId, keyId.length)
                || !equal(row, Column.PREV_ROW_HMAC, lastRowHmac, HMAC_HEX)) {
            return unusual();
        }
        if (row.length(Column.ROW_HMAC) != HMAC_HEX || equal(row, Column.ACTION, SECRET_ROTATED, SECRET_ROTATED.length)
                || !signatureHolds(row)) {
            return unusual();
        }
        System.arraycopy(row.array(Column.ROW_HMAC), row.offset(Column.ROW_HMAC), lastRowHmac, 0, HMAC_HEX);
        lastSeq = row.seq();
        count++;
        return true;
    }

    /** A held key: the HMAC matches. A key not held: the row is at least readable, as the walk requires. */
    private boolean signatureHolds(StoredBytes row) {
        if (!keyHeld) {
            return count == 0 || row.decode() instanceof AuditRow;
        }
        return canonical.write(row) && keys.matches(first.keyId(), canonical.buffer(), canonical.size(),
                row.array(Column.ROW_HMAC), row.offset(Column.ROW_HMAC), HMAC_HEX);
    }

    private static boolean equal(StoredBytes row, Column column, byte[] expected, int length) {
        return row.length(column) == length && Arrays.equals(row.array(column), row.offset(column),
                row.offset(column) + length, expected, 0, length);
    }

    private boolean unusual() {
        ordinary = false;
        return false;
    }
}
