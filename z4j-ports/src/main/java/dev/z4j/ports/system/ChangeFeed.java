package dev.z4j.ports.system;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Out-port: "something changed in this project", for live views (the dashboard re-reads what a topic names). Services
 * publish after their transaction committed. The in-process feed reaches this brain's subscribers; the scale-out one
 * also reaches the other replicas. Delivery is best effort and carries no state: a missed notice only delays a
 * refresh. A {@link Change} may name what changed (a command's id and new status) so a live view can refresh just
 * that; feeds that cannot carry it deliver the topic alone.
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

    /**
     * One change: its topic and, for some topics, which row changed and how ({@code command.changed}:
     * {@code command_id} and {@code status}). Small, and never a secret: it may reach any member of the project.
     */
    record Change(Topic topic, Map<String, String> subject) {
        public Change {
            Objects.requireNonNull(topic, "topic");
            subject = Map.copyOf(subject);
        }
    }

    /** Never blocks and never throws: a failing subscriber is the feed's problem, not the publisher's. */
    void publish(UUID projectId, Topic topic);

    /** As {@link #publish(UUID, Topic)}, naming what changed; a feed that cannot carry the subject sends the topic. */
    default void publish(UUID projectId, Change change) {
        publish(projectId, change.topic());
    }

    /** {@code listener} is called for every later publication about the project, on the publisher's thread; it must not block. */
    Subscription subscribe(UUID projectId, Consumer<Topic> listener);

    /** As {@link #subscribe}, receiving each change with its subject when the publisher named one. */
    default Subscription subscribeToChanges(UUID projectId, Consumer<Change> listener) {
        return subscribe(projectId, topic -> listener.accept(new Change(topic, Map.of())));
    }

    /** Ends a subscription; idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
