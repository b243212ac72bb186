package dev.z4j.app;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs an operation that changes files and the database together (restore, secret rotation) to its end, even when
 * the calling thread is interrupted (Ctrl-C in {@code z4j shell}): on a thread of its own, waited for without giving
 * up. The caller's interrupt is kept, so the command stops right after.
 */
final class Uninterruptibly {

    private Uninterruptibly() {
    }

    static <T> T call(String name, Supplier<T> operation) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(operation.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, name);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return result.get();
    }
}
