package dev.z4j.app.system;

import dev.z4j.ports.system.ChangeFeed;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed of one brain process: publications reach this process's subscribers, synchronously, with their
 * subject.
 */
public final class LocalChangeFeed implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LocalChangeFeed.class);

    private final ConcurrentHashMap<UUID, Set<Consumer<Change>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(UUID projectId, Topic topic) {
        publish(projectId, new Change(topic, Map.of()));
    }

    @Override
    public void publish(UUID projectId, Change change) {
        Set<Consumer<Change>> subscribers = listeners.get(projectId);
        if (subscribers == null) {
            return;
        }
        for (Consumer<Change> listener : subscribers) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a live-update subscriber of project {} failed", projectId, e);
            }
        }
    }

    @Override
    public Subscription subscribe(UUID projectId, Consumer<Topic> listener) {
        return subscribeToChanges(projectId, change -> listener.accept(change.topic()));
    }

    @Override
    public Subscription subscribeToChanges(UUID projectId, Consumer<Change> listener) {
        Consumer<Change> own = listener::accept;
        listeners.computeIfAbsent(projectId, id -> ConcurrentHashMap.newKeySet()).add(own);
        return () -> listeners.computeIfPresent(projectId, (id, set) -> {
            set.remove(own);
            return set.isEmpty() ? null : set;
        });
    }
}
