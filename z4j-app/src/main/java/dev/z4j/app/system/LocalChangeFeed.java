package dev.z4j.app.system;

import dev.z4j.ports.system.ChangeFeed;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The change feed of one brain process: publications reach this process's subscribers, synchronously. */
public final class LocalChangeFeed implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LocalChangeFeed.class);

    private final ConcurrentHashMap<UUID, Set<Consumer<Topic>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(UUID projectId, Topic topic) {
        Set<Consumer<Topic>> subscribers = listeners.get(projectId);
        if (subscribers == null) {
            return;
        }
        for (Consumer<Topic> listener : subscribers) {
            try {
                listener.accept(topic);
            } catch (RuntimeException e) {
                LOG.warn("a live-update subscriber of project {} failed", projectId, e);
            }
        }
    }

    @Override
    public Subscription subscribe(UUID projectId, Consumer<Topic> listener) {
        Consumer<Topic> own = listener::accept;
        listeners.computeIfAbsent(projectId, id -> ConcurrentHashMap.newKeySet()).add(own);
        return () -> listeners.computeIfPresent(projectId, (id, set) -> {
            set.remove(own);
            return set.isEmpty() ? null : set;
        });
    }
}
