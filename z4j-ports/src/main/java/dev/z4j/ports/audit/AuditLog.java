package dev.z4j.ports.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Out-port: the stored audit chain, table {@code audit_log}. Rows are only ever appended (the database rejects
 * UPDATE and DELETE) except by {@link #deleteThrough}, the retention path.
 */
public interface AuditLog {

    /**
     * Serialises appends until the current transaction ends (PostgreSQL: {@code pg_advisory_xact_lock}; SQLite: the
     * single writer's {@code BEGIN IMMEDIATE} already does) and returns where the next row attaches. Call inside a
     * transaction.
     */
    Optional<ChainHead> lockHead();

    /** The newest row, without locking. */
    Optional<AuditRow> head();

    /** Inserts one row; its {@code seq} is the head's plus one. Call inside the transaction that locked the head. */
    void append(AuditRow row);

    Optional<StoredRow> find(long seq);

    /** The row with the highest seq whose action is {@code action}. */
    Optional<StoredRow> latestWithAction(String action);

    /** The lowest seq still stored. */
    OptionalLong firstSeq();

    /**
     * Streams the rows with {@code seq >= fromSeq} in seq order, in constant memory, until {@code visitor} returns
     * false; returns how many rows it was given.
     */
    long walk(long fromSeq, Predicate<StoredRow> visitor);

    /**
     * Opens at most {@code count} readers, at least one, whose read transactions see the same rows (the same first
     * and last seq); fewer when the log kept changing while they opened. The caller closes each.
     */
    List<AuditReader> openReaders(int count);

    /**
     * Rows matching the query, at most {@code limit}, ordered by seq as the query asks and strictly beyond
     * {@code seqBound} in that order when present.
     */
    List<AuditRow> search(AuditQuery query, OptionalLong seqBound, int limit);

    /**
     * The last seq of the longest prefix of the chain whose rows all happened before {@code cutoff}; empty when the
     * first row is not older than that.
     */
    OptionalLong lastSeqOfPrefixBefore(Instant cutoff);

    /** Deletes every row with {@code seq <= throughSeq} through the retention path; returns how many. */
    long deleteThrough(long throughSeq);

    /** Remembers the outcome of the last verification (in {@code z4j_meta}). */
    void saveVerification(VerificationStatus status);

    Optional<VerificationStatus> lastVerification();
}
