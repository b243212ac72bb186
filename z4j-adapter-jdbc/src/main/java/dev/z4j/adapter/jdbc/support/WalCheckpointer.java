package dev.z4j.adapter.jdbc.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file twenty times a second, on a reader connection. Left to the
 * writer, a checkpoint runs inside a commit whenever the log passes its size limit, and every batch waiting behind
 * that commit waits for the copy too (over 100 ms for a 64 MiB log: the ingest p99). A passive checkpoint never
 * blocks the writer, and small frequent ones keep each copy and its sync short: at half the ingest target, checking
 * every 50 ms gave a p99 ack latency of 22-27 ms, every 200 ms 42-61 ms, every second 91 ms (docs/performance.md).
 * The writer's own automatic checkpoint stays as the backstop should this thread fall behind.
 */
final class WalCheckpointer implements AutoCloseable {

    static final long INTERVAL_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource readers;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "z4j-sqlite-checkpoint");
        thread.setDaemon(true);
        return thread;
    });

    WalCheckpointer(DataSource readers) {
        this.readers = readers;
        executor.scheduleWithFixedDelay(this::checkpoint, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try (Connection connection = readers.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException | RuntimeException e) {
            LOG.debug("background WAL checkpoint skipped: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
