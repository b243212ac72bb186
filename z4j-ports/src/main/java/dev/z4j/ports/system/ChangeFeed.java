package dev.z4j.ports.system;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Out-port: "something changed in this project", for live views (the dashboard re-reads what a topic names). Services
 * publish after their transaction committed. The in-process feed reaches this brain's subscribers; the scale-out one
 * also reaches the other replicas. Delivery is best effort and carries no data: a missed notice only delays a
 * refresh.
 */
public interface ChangeFeed {

    enum Topic {
        TASK_CHANGED("task.changed"),
        COMMAND_CHANGED("command.changed"),
        AGENT_CHANGED("agent.changed");

        private final String wire;

        Topic(String wire) {
            this.wire = wire;
        }

        /** The name live clients receive. */
        public String wire() {
            return wire;
        }
    }

    /** Never blocks and never throws: a failing subscriber is the feed's problem, not the publisher's. */
    void publish(UUID projectId, Topic topic);

    /** {@code listener} is called for every later publication about the project, on the publisher's thread; it must not block. */
    Subscription subscribe(UUID projectId, Consumer<Topic> listener);

    /** Ends a subscription; idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
