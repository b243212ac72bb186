package dev.z4j.ports.audit;

import dev.z4j.ports.system.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * In-port: the tamper-evident audit log. {@link #record} joins the caller's open transaction
 * ({@link dev.z4j.ports.system.Transactions}), so a change and its audit row commit or roll back together.
 */
public interface AuditTrail {

    /** Appends one row to the chain, inside the caller's transaction (or its own when none is open). */
    AuditRecord record(AuditEntry entry);

    /**
     * Walks every row in seq order (or those from a checkpoint on), streaming, and stops at the first broken row.
     * The outcome is also remembered as {@link #lastVerification()}.
     *
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted during the walk
     *                                                    (Ctrl-C in the shell); nothing is remembered then
     */
    VerificationReport verify(VerificationRequest request);

    /** The outcome of the most recent verification, by this process or another (CLI, scheduled run). */
    Optional<VerificationStatus> lastVerification();

    /** The newest row, when the log is not empty. */
    Optional<AuditRecord> head();

    /**
     * Signs the current head as a checkpoint.
     *
     * @throws IllegalStateException when the log is empty or its head row does not verify
     */
    AuditCheckpoint checkpoint();

    /**
     * Reads a checkpoint document and checks its signature with the current or a previous secret.
     *
     * @throws AuditCheckpoint.InvalidCheckpointException naming what is wrong
     */
    AuditCheckpoint readCheckpoint(String document, List<Secret> extraSecrets);

    AuditPage search(AuditQuery query);

    /**
     * Retention: deletes the rows that happened before {@code cutoff} (the longest such prefix of the chain) after
     * appending an {@code audit.pruned} anchor row, all in one transaction. Empty when nothing is old enough.
     */
    Optional<PruneReport> pruneBefore(Instant cutoff);
}
