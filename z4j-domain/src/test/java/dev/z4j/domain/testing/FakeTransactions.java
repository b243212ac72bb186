package dev.z4j.domain.testing;

import dev.z4j.ports.system.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One transaction at a time (like SQLite's single writer); fakes register undo actions, run in reverse when the
 * work throws. Nested calls join.
 */
public final class FakeTransactions implements Transactions {

    private final ThreadLocal<List<Runnable>> open = new ThreadLocal<>();
    private final Object writer = new Object();
    private int committed;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (open.get() != null) {
            return work.get();
        }
        synchronized (writer) {
            List<Runnable> undo = new ArrayList<>();
            open.set(undo);
            try {
                T result = work.get();
                committed++;
                return result;
            } catch (RuntimeException | Error e) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    undo.get(i).run();
                }
                throw e;
            } finally {
                open.remove();
            }
        }
    }

    /** Registers how to undo a change made in the open transaction (no-op outside one). */
    public void onRollback(Runnable undo) {
        List<Runnable> current = open.get();
        if (current != null) {
            current.add(undo);
        }
    }

    public void requireOpen(String why) {
        if (open.get() == null) {
            throw new AssertionError("no transaction is open: " + why);
        }
    }

    public synchronized int committed() {
        return committed;
    }
}
