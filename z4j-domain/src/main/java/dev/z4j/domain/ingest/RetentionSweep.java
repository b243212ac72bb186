package dev.z4j.domain.ingest;

import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.ingest.EventRetention;
import dev.z4j.ports.ingest.IngestStore;
import dev.z4j.ports.system.Transactions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.IntUnaryOperator;

/**
 * Deletes what is older than the retention in batches of {@code batchSize} rows, each its own short transaction,
 * pausing between them: on SQLite's single writer a long delete would hold every ingest commit back.
 */
public final class RetentionSweep implements EventRetention {

    private static final System.Logger LOG = System.getLogger(RetentionSweep.class.getName());

    private final IngestStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;
    private final Duration pause;

    public RetentionSweep(IngestStore store, Transactions transactions, Clock clock, Duration retention, int batchSize,
                          Duration pause) {
        if (batchSize < 1 || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention and batch size must be positive");
        }
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
        this.pause = pause;
    }

    @Override
    public long prune() {
        Instant cutoff = Timestamps.now(clock).minus(retention);
        UUID boundary = IngestIds.firstEventAt(cutoff);
        long events = sweep(limit -> store.pruneEvents(boundary, limit));
        long statuses = sweep(limit -> store.pruneAgentStatus(cutoff, limit));
        if (events + statuses > 0) {
            LOG.log(Level.INFO, "retention: deleted {0} events and {1} agent status reports older than {2}", events,
                    statuses, cutoff);
        }
        return events + statuses;
    }

    private long sweep(IntUnaryOperator delete) {
        long total = 0;
        while (true) {
            int deleted = transactions.inTransaction(() -> delete.applyAsInt(batchSize));
            total += deleted;
            if (deleted < batchSize) {
                return total;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total;
            }
        }
    }
}
