package dev.z4j.ports.audit;

import java.util.function.Predicate;

/**
 * One read transaction over {@code audit_log}, for a verification walk split across threads: the readers that
 * {@link AuditLog#openReaders} opens together see the same rows. A reader is used by one thread at a time.
 */
public interface AuditReader extends AutoCloseable {

    /** The lowest seq this reader sees; 0 when the log is empty. */
    long firstSeq();

    /** The highest seq this reader sees; 0 when the log is empty. */
    long lastSeq();

    /**
     * Visits the rows with {@code fromSeq <= seq <= toSeq} in seq order until {@code visitor} returns false; the
     * {@link StoredBytes} given is reused from row to row.
     */
    void read(long fromSeq, long toSeq, Predicate<StoredBytes> visitor);

    /** Ends the read transaction. */
    @Override
    void close();
}
