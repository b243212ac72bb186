package dev.z4j.domain.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** An in-memory table whose writes are undone when the fake transaction rolls back. */
final class Table<K, V> {

    private final FakeTransactions transactions;
    private final Map<K, V> rows = new LinkedHashMap<>();

    Table(FakeTransactions transactions) {
        this.transactions = transactions;
    }

    synchronized Optional<V> get(K key) {
        return Optional.ofNullable(rows.get(key));
    }

    synchronized List<V> all() {
        return new ArrayList<>(rows.values());
    }

    synchronized List<V> where(Predicate<V> filter) {
        return rows.values().stream().filter(filter).toList();
    }

    synchronized void put(K key, V value) {
        V previous = rows.put(key, value);
        transactions.onRollback(() -> restore(key, previous));
    }

    synchronized boolean remove(K key) {
        V previous = rows.remove(key);
        transactions.onRollback(() -> restore(key, previous));
        return previous != null;
    }

    private synchronized void restore(K key, V previous) {
        if (previous == null) {
            rows.remove(key);
        } else {
            rows.put(key, previous);
        }
    }
}
