package dev.z4j.ports.system;

/** Out-port: where the master secret is kept ({@code $Z4J_HOME/secret.env} for the standalone brain). */
public interface SecretStore {

    /** @throws IllegalStateException naming why the current secret cannot be replaced through this store */
    void checkReplaceable();

    /**
     * Makes {@code next} the current secret and moves the current one to the front of the previous secrets,
     * atomically and durably.
     *
     * @return how to put the previous state back (when the transaction around the rotation fails)
     */
    Replacement replace(Secret next);

    @FunctionalInterface
    interface Replacement {
        void undo();
    }
}
