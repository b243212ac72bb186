package dev.z4j.app.system;

import dev.z4j.ports.system.ChangeFeed;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.ProjectChanged;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The change feed of a replica among several: a publication reaches this replica's subscribers at once and the other
 * replicas' within {@link #COALESCE} (one notice per project and topic per period however many changes, so a busy
 * ingest does not become a stream of {@code NOTIFY}s); notices from other replicas reach the subscribers here.
 */
public final class ClusterChangeFeed implements ChangeFeed, ClusterBus.Listener, AutoCloseable {

    public static final Duration COALESCE = Duration.ofMillis(200);

    private static final Map<String, Topic> BY_WIRE = Arrays.stream(Topic.values())
            .collect(Collectors.toUnmodifiableMap(Topic::wire, topic -> topic));

    private record Pending(UUID projectId, Topic topic) {
    }

    private final ChangeFeed local;
    private final ClusterBus bus;
    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "z4j-change-feed");
        thread.setDaemon(true);
        return thread;
    });

    public ClusterChangeFeed(ChangeFeed local, ClusterBus bus) {
        this.local = local;
        this.bus = bus;
        sender.scheduleWithFixedDelay(this::send, COALESCE.toMillis(), COALESCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(UUID projectId, Topic topic) {
        local.publish(projectId, topic);
        pending.add(new Pending(projectId, topic));
    }

    /** Subscribers here get the subject; the other replicas get the topic (a notice carries no subject). */
    @Override
    public void publish(UUID projectId, Change change) {
        local.publish(projectId, change);
        pending.add(new Pending(projectId, change.topic()));
    }

    @Override
    public Subscription subscribe(UUID projectId, Consumer<Topic> listener) {
        return local.subscribe(projectId, listener);
    }

    @Override
    public Subscription subscribeToChanges(UUID projectId, Consumer<Change> listener) {
        return local.subscribeToChanges(projectId, listener);
    }

    @Override
    public void received(ClusterNotice notice) {
        if (notice instanceof ProjectChanged changed) {
            Optional.ofNullable(BY_WIRE.get(changed.topic())).ifPresent(topic -> local.publish(changed.projectId(),
                    topic));
        }
    }

    private void send() {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending change = it.next();
            it.remove();
            bus.publish(new ProjectChanged(change.projectId(), change.topic().wire()));
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
