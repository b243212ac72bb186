package dev.z4j.ports.audit;

/**
 * What a walk over {@code audit_log} yields per position: a readable {@link AuditRow}, or an {@link Unreadable} row
 * whose stored values cannot even be mapped (a NULL in a required column, a timestamp or UUID that does not parse).
 * Only tampering produces the latter; verification reports it as the broken row.
 */
public sealed interface StoredRow permits AuditRow, StoredRow.Unreadable {

    long seq();

    /** @param id the stored id as text, or {@code ?} when it is missing */
    record Unreadable(long seq, String id, String reason) implements StoredRow {
    }
}
