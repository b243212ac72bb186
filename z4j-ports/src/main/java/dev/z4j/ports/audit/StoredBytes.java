package dev.z4j.ports.audit;

/**
 * One row of {@code audit_log} as the bytes of its stored values, handed to a verification walk so that it can hash
 * a row without decoding it first; valid only while it is being visited. Text columns are their stored UTF-8 bytes;
 * {@link Column#OCCURRED_AT} is the UTC instant in the canonical form {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}. A column
 * is missing ({@link #length} -1) when it is NULL or, for {@code occurred_at}, when its stored value is not of the
 * form the brain writes: the walk then reads the row {@linkplain #decode() decoded}, as {@link AuditLog#find} would.
 */
public interface StoredBytes {

    enum Column {
        ID, OCCURRED_AT, ACTOR_TYPE, ACTOR_ID, PROJECT_ID, ACTION, TARGET_TYPE, TARGET_ID, RESULT, SOURCE_IP,
        USER_AGENT, METADATA, KEY_ID, PREV_ROW_HMAC, ROW_HMAC
    }

    long seq();

    /** The array holding the column's bytes, from {@link #offset} for {@link #length} bytes. */
    byte[] array(Column column);

    int offset(Column column);

    /** The column's length in bytes, or -1 when it is missing. */
    int length(Column column);

    /** The row as {@link AuditLog#find} reads it: readable, or unreadable with the reason. */
    StoredRow decode();
}
