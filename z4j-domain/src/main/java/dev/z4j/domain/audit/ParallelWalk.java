package dev.z4j.domain.audit;

import dev.z4j.ports.audit.AuditLog;
import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.StoredRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Walks the chain with one thread per reader: reader {@code i} of {@code n} checks the ranges of seq numbered
 * {@code i}, {@code i + n}, ... ({@link RangeCheck}), and the calling thread feeds their results to the
 * {@link ChainWalk} in seq order, so the walk decides exactly as if it had tested every row itself. Each reader
 * thread holds at most two results ahead of the walk: memory stays flat however long the chain. When the walk stops
 * (a broken row), the readers stop too.
 */
final class ParallelWalk {

    static final int RANGE = 1024;
    static final int READERS = 2;
    private static final int RESULTS_AHEAD = 2;
    private static final RangeCheck.Result END = new RangeCheck.Rows(List.of());

    private final AuditLog log;
    private final Supplier<AuditKeys> keys;
    private final int rangeSize;
    private final int readerCount;

    ParallelWalk(AuditLog log, Supplier<AuditKeys> keys, int rangeSize, int readerCount) {
        this.log = log;
        this.keys = keys;
        this.rangeSize = rangeSize;
        this.readerCount = readerCount;
    }

    void walk(long fromSeq, ChainWalk walk) {
        List<AuditReader> readers = log.openReaders(readerCount);
        try {
            AuditReader any = readers.get(0);
            if (any.lastSeq() >= Math.max(fromSeq, any.firstSeq())) {
                walk(readers, Math.max(fromSeq, any.firstSeq()), any.lastSeq(), walk);
            }
        } finally {
            readers.forEach(AuditReader::close);
        }
    }

    private void walk(List<AuditReader> readers, long fromSeq, long lastSeq, ChainWalk walk) {
        int n = readers.size();
        List<BlockingQueue<RangeCheck.Result>> results = new ArrayList<>(n);
        List<Thread> threads = new ArrayList<>(n);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            BlockingQueue<RangeCheck.Result> queue = new ArrayBlockingQueue<>(RESULTS_AHEAD);
            results.add(queue);
            AuditReader reader = readers.get(i);
            long firstRange = i;
            Thread thread = new Thread(() -> {
                RangeCheck check = new RangeCheck(keys.get());
                try {
                    for (long range = firstRange; !stop.get(); range += n) {
                        long from = fromSeq + range * rangeSize;
                        if (from > lastSeq) {
                            break;
                        }
                        if (!hand(queue, check.check(reader, from, Math.min(lastSeq, from + rangeSize - 1)), stop)) {
                            break;
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    hand(queue, END, stop);
                }
            }, "z4j-audit-verify-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            for (long range = 0; ; range++) {
                RangeCheck.Result result = results.get((int) (range % n)).take();
                if (result == END || !feed(result, walk)) {
                    break;
                }
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            threads.forEach(Thread::interrupt);
            awaitUninterruptibly(threads);
            Thread.currentThread().interrupt();
            throw new CancellationException("audit verification was interrupted; nothing was recorded");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Lets the reader threads finish before their readers close; they stop at the next row or range. */
    private static void awaitUninterruptibly(List<Thread> threads) {
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException again) {
                    // keep waiting: closing a reader under a running thread would fail it mid-read
                }
            }
        }
    }

    /** False when the walk found a broken row. */
    private static boolean feed(RangeCheck.Result result, ChainWalk walk) {
        if (result instanceof RangeCheck.Run run) {
            if (!walk.test(run.first())) {
                return false;
            }
            walk.continueRun(run.more(), run.lastSeq(), run.lastRowHmac());
            return true;
        }
        for (StoredRow row : ((RangeCheck.Rows) result).rows()) {
            if (!walk.test(row)) {
                return false;
            }
        }
        return true;
    }

    /** Puts a result unless the walk has stopped; false when the reader should stop. */
    private static boolean hand(BlockingQueue<RangeCheck.Result> queue, RangeCheck.Result result, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (queue.offer(result, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
