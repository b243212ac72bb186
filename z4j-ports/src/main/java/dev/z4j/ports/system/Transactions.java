package dev.z4j.ports.system;

import java.util.function.Supplier;

/**
 * Out-port: runs work inside one database transaction. A call made while a transaction is already open on the
 * current thread joins it, so a service can call another service and both changes commit or roll back together.
 * Any exception thrown by {@code work} rolls the outermost transaction back and is rethrown unchanged.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
