package dev.z4j.domain.audit;

import dev.z4j.ports.system.Transactions;
import java.util.function.Supplier;

/** Runs work directly; counts outermost transactions and tells whether one is open (for join assertions). */
final class CountingTransactions implements Transactions {

    int opened;
    private int depth;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (depth == 0) {
            opened++;
        }
        depth++;
        try {
            return work.get();
        } finally {
            depth--;
        }
    }
}
