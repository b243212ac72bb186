package dev.z4j.ports.system;

/**
 * Out-port: notices between the brain replicas that share one database (SPEC §8). A single brain (SQLite) has no one
 * to tell; on PostgreSQL the notices travel over {@code LISTEN/NOTIFY}.
 *
 * <p>The publisher acts on its own replica first, then publishes; the bus delivers a notice to every <em>other</em>
 * replica, at most once and in order per publisher, without any guarantee that it arrives: every notice has a
 * backstop ({@link ClusterNotice}), and {@link Listener#resynchronize} says when notices may have been lost.
 */
public interface ClusterBus {

    /**
     * Tells the other replicas. Call it after the change it announces has committed (a notice sent earlier could be
     * acted on before the change is visible). Never throws: a notice that cannot be sent is logged and lost.
     */
    void publish(ClusterNotice notice);

    /** Registers a listener for the notices of other replicas; it runs on the bus's delivery thread. */
    Subscription subscribe(Listener listener);

    /** Receives the notices of other replicas. Must not block for long: later notices wait behind it. */
    interface Listener {

        void received(ClusterNotice notice);

        /**
         * The bus has just (re)connected after a gap in which notices may have been lost: redo what they would have
         * triggered (deliver pending commands of the agents held here, for instance).
         */
        default void resynchronize() {
        }
    }

    /** Ends a subscription; idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
