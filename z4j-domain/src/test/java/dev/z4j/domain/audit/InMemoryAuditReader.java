package dev.z4j.domain.audit;

import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredBytes;
import dev.z4j.ports.audit.StoredRow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
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

    /** The row as the tables store it: text as UTF-8, the instant in canonical form when it has whole microseconds. */
    static StoredBytes stored(StoredRow row) {
        return new Stored(row);
    }

    private static final class Stored implements StoredBytes {
        private final StoredRow row;
        private final byte[][] values = new byte[Column.values().length][];

        Stored(StoredRow row) {
            this.row = row;
            if (row instanceof AuditRow r) {
                set(Column.ID, r.id().toString());
                if (r.occurredAt().getNano() % 1000 == 0) {
                    set(Column.OCCURRED_AT, CanonicalRow.timestamp(r.occurredAt()));
                }
                set(Column.ACTOR_TYPE, r.actorType());
                set(Column.ACTOR_ID, r.actorId());
                set(Column.PROJECT_ID, r.projectId().map(Object::toString));
                set(Column.ACTION, r.action());
                set(Column.TARGET_TYPE, r.targetType());
                set(Column.TARGET_ID, r.targetId());
                set(Column.RESULT, r.result());
                set(Column.SOURCE_IP, r.sourceIp());
                set(Column.USER_AGENT, r.userAgent());
                set(Column.METADATA, r.metadataJson());
                set(Column.KEY_ID, r.keyId());
                set(Column.PREV_ROW_HMAC, r.prevRowHmac());
                set(Column.ROW_HMAC, r.rowHmac());
            }
        }

        private void set(Column column, Optional<String> value) {
            value.ifPresent(v -> set(column, v));
        }

        private void set(Column column, String value) {
            values[column.ordinal()] = value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long seq() {
            return row.seq();
        }

        @Override
        public byte[] array(Column column) {
            return values[column.ordinal()];
        }

        @Override
        public int offset(Column column) {
            return 0;
        }

        @Override
        public int length(Column column) {
            byte[] value = values[column.ordinal()];
            return value == null ? -1 : value.length;
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
