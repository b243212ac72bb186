package dev.z4j.domain.audit;

import dev.z4j.ports.audit.AuditLog;
import dev.z4j.ports.audit.StoredRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Runs a walk over the log on a reader thread while the calling thread checks rows, so reading (the database) and
 * hashing (the CPU) overlap. Rows travel in batches through a small bounded queue: memory stays flat however long
 * the chain. When the checker stops (a broken row), the reader stops too.
 */
final class ReadAhead {

    private static final int BATCH = 512;
    private static final int BATCHES_IN_FLIGHT = 8;
    private static final List<StoredRow> END = List.of();

    private ReadAhead() {
    }

    static void walk(AuditLog log, long fromSeq, Predicate<StoredRow> checker) {
        BlockingQueue<List<StoredRow>> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
        AtomicReference<RuntimeException> readerFailure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            List<StoredRow> batch = new ArrayList<>(BATCH);
            try {
                log.walk(fromSeq, row -> {
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        boolean more = hand(queue, new ArrayList<>(batch), stop);
                        batch.clear();
                        return more;
                    }
                    return true;
                });
                hand(queue, new ArrayList<>(batch), stop);
            } catch (RuntimeException e) {
                readerFailure.set(e);
            } finally {
                hand(queue, END, stop);
            }
        }, "z4j-audit-read-ahead");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                List<StoredRow> batch = queue.take();
                if (batch == END) {
                    break;
                }
                for (StoredRow row : batch) {
                    if (!checker.test(row)) {
                        stop.set(true);
                        queue.clear();
                        reader.join();
                        return;
                    }
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
            reader.interrupt();
            throw new CancellationException("audit verification was interrupted; nothing was recorded");
        }
        if (readerFailure.get() != null) {
            throw readerFailure.get();
        }
    }

    /** Puts a batch unless the checker has stopped; false when the reader should stop. */
    private static boolean hand(BlockingQueue<List<StoredRow>> queue, List<StoredRow> batch, AtomicBoolean stop) {
        try {
            while (true) {
                if (stop.get()) {
                    return false;
                }
                if (queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
