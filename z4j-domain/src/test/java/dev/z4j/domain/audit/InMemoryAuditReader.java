package dev.z4j.domain.audit;

import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredBytes;
import dev.z4j.ports.audit.StoredRow;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An {@link AuditReader} over a copy of {@link InMemoryAuditLog}'s rows, giving each as the tables would store it. */
final class InMemoryAuditReader implements AuditReader {

    private final NavigableMap<Long, StoredRow> rows;

    InMemoryAuditReader(NavigableMap<Long, StoredRow> snapshot) {
        this.rows = snapshot;
    }

    @Override
    public long firstSeq() {
        return rows.isEmpty() ? 0 : rows.firstKey();
    }

    @Override
    public long lastSeq() {
        return rows.isEmpty() ? 0 : rows.lastKey();
    }

    @Override
    public void read(long fromSeq, long toSeq, Predicate<StoredBytes> visitor) {
        for (StoredRow row : rows.subMap(fromSeq, true, toSeq, true).values()) {
            if (!visitor.test(stored(row))) {
                return;
            }
        }
    }

    @Override
    public void close() {
    }

    /**
     * The row as the tables store it: {@link RowBytes}, except that an instant finer than the stored microseconds is
     * not of the stored form, and an unreadable row has no values.
     */
    static StoredBytes stored(StoredRow row) {
        return new Stored(row);
    }

    private static final class Stored implements StoredBytes {
        private final StoredRow row;
        private final StoredBytes bytes;
        private final boolean storedInstant;

        Stored(StoredRow row) {
            this.row = row;
            this.bytes = row instanceof AuditRow r ? RowBytes.of(r) : null;
            this.storedInstant = row instanceof AuditRow r && r.occurredAt().getNano() % 1000 == 0;
        }

        @Override
        public long seq() {
            return row.seq();
        }

        @Override
        public byte[] array(Column column) {
            return bytes.array(column);
        }

        @Override
        public int offset(Column column) {
            return bytes.offset(column);
        }

        @Override
        public int length(Column column) {
            return bytes == null || column == Column.OCCURRED_AT && !storedInstant ? -1 : bytes.length(column);
        }

        @Override
        public StoredRow decode() {
            return row;
        }
    }

    static List<AuditReader> open(NavigableMap<Long, StoredRow> snapshot, int count) {
        return Stream.generate(() -> (AuditReader) new InMemoryAuditReader(snapshot)).limit(count)
                .toList();
    }
}
