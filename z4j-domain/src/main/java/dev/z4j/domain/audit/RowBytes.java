package dev.z4j.domain.audit;

import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredBytes;
import dev.z4j.ports.audit.StoredRow;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A decoded row seen as the bytes of its values, so that {@link CanonicalRow} has one writer for rows signed,
 * re-checked one by one, and read from the tables: text as the JDK's UTF-8 (an unpaired surrogate becomes {@code ?};
 * the brain replaces them before signing, so only a hand edit stores one), the instant in canonical form (nine
 * fractional digits when it has finer ones than the microseconds the brain stores).
 */
final class RowBytes implements StoredBytes {

    private final AuditRow row;
    private final byte[][] values = new byte[Column.values().length][];

    private RowBytes(AuditRow row) {
        this.row = row;
        set(Column.ID, row.id().toString());
        set(Column.OCCURRED_AT, CanonicalRow.timestamp(row.occurredAt()));
        set(Column.ACTOR_TYPE, row.actorType());
        set(Column.ACTOR_ID, row.actorId());
        set(Column.PROJECT_ID, row.projectId().map(Object::toString));
        set(Column.ACTION, row.action());
        set(Column.TARGET_TYPE, row.targetType());
        set(Column.TARGET_ID, row.targetId());
        set(Column.RESULT, row.result());
        set(Column.SOURCE_IP, row.sourceIp());
        set(Column.USER_AGENT, row.userAgent());
        set(Column.METADATA, row.metadataJson());
        set(Column.KEY_ID, row.keyId());
        set(Column.PREV_ROW_HMAC, row.prevRowHmac());
        set(Column.ROW_HMAC, row.rowHmac());
    }

    static RowBytes of(AuditRow row) {
        return new RowBytes(row);
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
