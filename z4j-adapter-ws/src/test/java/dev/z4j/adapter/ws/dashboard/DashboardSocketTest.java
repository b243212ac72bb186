package dev.z4j.adapter.ws.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.ChangeFeed;
import dev.z4j.ports.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One dashboard socket with fakes around it: coalescing, the bounded send queue, the checks before a push. */
class DashboardSocketTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final UUID PROJECT = UUID.randomUUID();

    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final Feed feed = new Feed();
    final AtomicBoolean member = new AtomicBoolean(true);
    final AtomicBoolean sessionLive = new AtomicBoolean(true);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** The in-process feed: listeners called on the publisher's thread, with the subject. */
    static final class Feed implements ChangeFeed {
        final ConcurrentHashMap<UUID, List<Consumer<Change>>> listeners = new ConcurrentHashMap<>();

        @Override
        public void publish(UUID projectId, Topic topic) {
            publish(projectId, new Change(topic, Map.of()));
        }

        @Override
        public void publish(UUID projectId, Change change) {
            listeners.getOrDefault(projectId, List.of()).forEach(l -> l.accept(change));
        }

        @Override
        public Subscription subscribe(UUID projectId, Consumer<Topic> listener) {
            return subscribeToChanges(projectId, change -> listener.accept(change.topic()));
        }

        @Override
        public Subscription subscribeToChanges(UUID projectId, Consumer<Change> listener) {
            listeners.computeIfAbsent(projectId, id -> new CopyOnWriteArrayList<>()).add(listener);
            return () -> listeners.get(projectId).remove(listener);
        }
    }

    /** Records frames; {@code capacity} frames may wait unwritten (none is ever written when {@code stuck}). */
    static final class Transport implements DashboardSocket.Transport {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger closedWith = new AtomicInteger();
        final boolean stuck;
        final int capacity;

        Transport(boolean stuck, int capacity) {
            this.stuck = stuck;
            this.capacity = capacity;
        }

        @Override
        public void send(String text, Runnable onFailure) {
            if (stuck && sent.size() >= capacity) {
                onFailure.run();
                return;
            }
            sent.add(text);
        }

        @Override
        public void close(int code, String reason) {
            closedWith.compareAndSet(0, code);
        }

        long events() {
            return sent.stream().filter(f -> f.contains("\"type\":\"event\"")).count();
        }
    }

    final ProjectAccess access = new ProjectAccess() {
        @Override
        public Grant authorize(Caller caller, String slug, Action action) {
            if (!member.get() || !slug.equals("ops")) {
                throw Refusal.notFound("not_found", "project not found");
            }
            Project project = new Project(PROJECT, ProjectSlug.parse("ops"), "Ops", Optional.empty(), "production",
                    "UTC", 30, true, Instant.EPOCH, Instant.EPOCH);
            return new Grant(project, Optional.empty(), Set.of(action));
        }

        @Override
        public void require(Caller caller, Action action) {
        }

        @Override
        public Set<Action> permitted(Caller caller) {
            return Set.of();
        }
    };

    DashboardSocket socket(Transport transport, Duration pushInterval, Duration subscribeTimeout) {
        DashboardSettings settings = new DashboardSettings("z4j_session", Set.of("localhost"), "http://localhost",
                50, 100, subscribeTimeout, pushInterval, Duration.ofSeconds(30), 64, 4096);
        Caller caller = Caller.of(new Principal.User(UUID.randomUUID(), false, UUID.randomUUID()), "127.0.0.1", null);
        return new DashboardSocket(transport, sessionLive::get, caller, access,
                (who, id) -> id.equals(PROJECT) ? Optional.of("ops") : Optional.empty(), feed, settings, scheduler);
    }

    @Test
    void a_burst_of_changes_becomes_a_push_or_two() throws Exception {
        Transport transport = new Transport(false, 0);
        DashboardSocket socket = socket(transport, Duration.ofMillis(200), WAIT);
        socket.receive("{\"type\":\"subscribe\",\"project\":\"ops\"}");
        assertThat(transport.sent).containsExactly("{\"type\":\"ready\",\"project\":\"ops\",\"project_id\":\"" + PROJECT
                + "\"}");

        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            feed.publish(PROJECT, ChangeFeed.Topic.TASK_CHANGED);
        }
        long publishingMillis = (System.nanoTime() - started) / 1_000_000;
        Await.until("a push", WAIT, () -> transport.events() >= 1);
        Thread.sleep(600); // nothing more may come: the burst is over

        assertThat(transport.events()).isBetween(1L, 2L + publishingMillis / 200);
        assertThat(transport.sent).contains("{\"type\":\"event\",\"topic\":\"task.changed\",\"project\":\"ops\","
                + "\"project_id\":\"" + PROJECT + "\"}");
    }

    @Test
    void a_page_that_does_not_read_is_dropped_and_never_slows_the_publisher() {
        Transport transport = new Transport(true, 64);
        DashboardSocket socket = socket(transport, Duration.ofMillis(1), WAIT);
        socket.receive("{\"type\":\"subscribe\",\"project\":\"ops\"}");

        Await.until("the slow page is dropped", WAIT, () -> {
            feed.publish(PROJECT, ChangeFeed.Topic.TASK_CHANGED);
            return transport.closedWith.get() != 0;
        });

        assertThat(transport.closedWith.get()).isEqualTo(CloseCodes.TOO_SLOW);
        assertThat(transport.sent).hasSize(64);
        assertThat(feed.listeners.get(PROJECT)).as("its subscription ended").isEmpty();
    }

    @Test
    void a_push_after_the_membership_ended_closes_with_4403_instead() {
        Transport transport = new Transport(false, 0);
        DashboardSocket socket = socket(transport, Duration.ofMillis(10), WAIT);
        socket.receive("{\"type\":\"subscribe\",\"project\":\"ops\"}");
        member.set(false);

        feed.publish(PROJECT, ChangeFeed.Topic.COMMAND_CHANGED);

        Await.until("closed", WAIT, () -> transport.closedWith.get() != 0);
        assertThat(transport.closedWith.get()).isEqualTo(CloseCodes.FORBIDDEN);
        assertThat(transport.events()).isZero();
    }

    @Test
    void a_push_after_the_session_ended_closes_with_4401() {
        Transport transport = new Transport(false, 0);
        DashboardSocket socket = socket(transport, Duration.ofMillis(10), WAIT);
        socket.receive("{\"type\":\"subscribe\",\"project\":\"ops\"}");
        sessionLive.set(false);

        feed.publish(PROJECT, ChangeFeed.Topic.AGENT_CHANGED);

        Await.until("closed", WAIT, () -> transport.closedWith.get() != 0);
        assertThat(transport.closedWith.get()).isEqualTo(CloseCodes.UNAUTHENTICATED);
        assertThat(transport.events()).isZero();
    }

    @Test
    void a_socket_without_a_subscription_in_time_is_closed_with_4400() {
        Transport transport = new Transport(false, 0);
        socket(transport, Duration.ofMillis(10), Duration.ofMillis(50));

        Await.until("closed", WAIT, () -> transport.closedWith.get() != 0);
        assertThat(transport.closedWith.get()).isEqualTo(CloseCodes.BAD_REQUEST);
    }

    @Test
    void a_command_change_is_pushed_with_its_id_and_status_and_a_flood_of_them_as_one_push() throws Exception {
        Transport transport = new Transport(false, 0);
        DashboardSocket socket = socket(transport, Duration.ofMillis(200), WAIT);
        socket.receive("{\"type\":\"subscribe\",\"project\":\"ops\"}");

        feed.publish(PROJECT, new ChangeFeed.Change(ChangeFeed.Topic.COMMAND_CHANGED,
                Map.of("command_id", "c-1", "status", "completed")));
        Await.until("a push", WAIT, () -> transport.events() == 1);
        assertThat(transport.sent.get(1)).isEqualTo("{\"type\":\"event\",\"topic\":\"command.changed\","
                + "\"project\":\"ops\",\"project_id\":\"" + PROJECT + "\",\"subject\":{\"command_id\":\"c-1\","
                + "\"status\":\"completed\"}}");

        for (int i = 0; i < 5000; i++) {
            feed.publish(PROJECT, new ChangeFeed.Change(ChangeFeed.Topic.COMMAND_CHANGED,
                    Map.of("command_id", "c-" + i, "status", "dispatched")));
        }
        Await.until("the next push", WAIT, () -> transport.events() >= 2);
        Thread.sleep(600); // the flood is over: no more pushes may follow

        assertThat(transport.events()).as("at most 64 named changes a push, then the topic alone")
                .isBetween(2L, 1L + 2 * DashboardSocket.MAX_MARKS);
        assertThat(transport.sent).contains("{\"type\":\"event\",\"topic\":\"command.changed\",\"project\":\"ops\","
                + "\"project_id\":\"" + PROJECT + "\"}");
    }

    @Test
    void upstreams_pages_subscribe_by_project_id() {
        Transport transport = new Transport(false, 0);
        DashboardSocket socket = socket(transport, Duration.ofMillis(10), WAIT);

        socket.receive("{\"type\":\"subscribe\",\"project_id\":\"" + PROJECT + "\"}");
        feed.publish(PROJECT, ChangeFeed.Topic.TASK_CHANGED);

        Await.until("a push", WAIT, () -> transport.events() == 1);
        assertThat(transport.sent.get(0)).contains("\"type\":\"ready\"");
        Transport refused = new Transport(false, 0);
        socket(refused, Duration.ofMillis(10), WAIT).receive("{\"type\":\"subscribe\",\"project_id\":\""
                + UUID.randomUUID() + "\"}");
        assertThat(refused.closedWith.get()).isEqualTo(CloseCodes.FORBIDDEN);
    }

    @Test
    void unsubscribing_stops_the_pushes_of_that_project() throws Exception {
        Transport transport = new Transport(false, 0);
        DashboardSocket socket = socket(transport, Duration.ofMillis(10), WAIT);
        socket.receive("{\"type\":\"subscribe\",\"project\":\"ops\"}");
        socket.receive("{\"type\":\"unsubscribe\",\"project\":\"ops\"}");

        feed.publish(PROJECT, ChangeFeed.Topic.TASK_CHANGED);
        Thread.sleep(100); // a push would have been due after 10 ms

        assertThat(transport.events()).isZero();
        assertThat(transport.closedWith.get()).isZero();
    }
}
