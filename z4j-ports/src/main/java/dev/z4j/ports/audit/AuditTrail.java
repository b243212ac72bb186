package dev.z4j.ports.audit;

/**
 * In-port: the tamper-evident audit log. {@link #record} joins the caller's open transaction
 * ({@link dev.z4j.ports.system.Transactions}), so a change and its audit row commit or roll back together.
 * Verification, checkpoints and search are added by the audit feature.
 */
public interface AuditTrail {

    /** Appends one row to the chain, inside the caller's transaction (or its own when none is open). */
    AuditRecord record(AuditEntry entry);
}
