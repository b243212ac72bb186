package dev.z4j.adapter.ws.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.ChangeFeed;
import dev.z4j.ports.system.ChangeFeed.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser on {@code /ws/dashboard}. It subscribes to projects by slug ({@code {"type":"subscribe","project":
 * "ops"}}) or, as upstream's pages do, by id ({@code {"type":"subscribe","project_id":"<uuid>"}}), answered
 * {@code {"type":"ready","project":"ops","project_id":"<uuid>"}}; a change of a subscribed project marks it, and a flush
 * at most every push interval sends one {@code {"type":"event","topic":"task.changed","project":"ops",...}} per marked
 * project and topic (with its {@code subject}, such as {@code {"command_id":…,"status":"completed"}}, when the publisher
 * named the changed row). Each flush first checks that the session is still live (else 4401) and that the user may still
 * read each project (else 4403), so signing out or losing a membership ends the pushes. The feed's listener only
 * marks and schedules: it never blocks the publisher (ingest's writer thread).
 */
final class DashboardSocket {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardSocket.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The transport: Jetty's session in the brain, anything in tests. */
    interface Transport {
        /** Queues a text frame; {@code onFailure} runs when it cannot be written (queue full, peer gone). */
        void send(String text, Runnable onFailure);

        void close(int code, String reason);
    }

    /** The slug of a project the caller can see, by its id (upstream's pages subscribe by {@code project_id}). */
    interface ProjectSlugs {
        Optional<String> slugOf(Caller caller, UUID projectId);
    }

    /** A change to push; {@code subject} names the changed row when the publisher did (a command's id and status). */
    private record Mark(String project, Topic topic, Map<String, String> subject) {
    }

    /** Beyond this many distinct changes waiting, a socket's marks lose their subjects: one push per topic. */
    static final int MAX_MARKS = 64;

    private final Transport transport;
    private final BooleanSupplier sessionLive;
    private final Caller caller;
    private final ProjectAccess access;
    private final ProjectSlugs slugs;
    private final ChangeFeed feed;
    private final DashboardSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Map<String, ChangeFeed.Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, UUID> projectIds = new ConcurrentHashMap<>();
    private final Set<Mark> marked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastFlushNanos = System.nanoTime();

    /** @param sessionLive whether the session the socket was opened with is still live (asked before each push) */
    DashboardSocket(Transport transport, BooleanSupplier sessionLive, Caller caller, ProjectAccess access,
                    ProjectSlugs slugs, ChangeFeed feed, DashboardSettings settings, ScheduledExecutorService scheduler) {
        this.transport = transport;
        this.sessionLive = sessionLive;
        this.caller = caller;
        this.access = access;
        this.slugs = slugs;
        this.feed = feed;
        this.settings = settings;
        this.scheduler = scheduler;
        scheduler.schedule(() -> {
            if (subscriptions.isEmpty()) {
                close(CloseCodes.BAD_REQUEST, "subscribe to a project within " + settings.subscribeTimeout().toSeconds()
                        + " s");
            }
        }, settings.subscribeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A text frame from the browser. */
    void receive(String text) {
        if (closed.get()) {
            return;
        }
        JsonNode message;
        try {
            message = text.length() > settings.maxMessageBytes() ? null : JSON.readTree(text);
        } catch (java.io.IOException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            close(CloseCodes.BAD_REQUEST, "send JSON objects: subscribe, unsubscribe or ping");
            return;
        }
        String type = message.path("type").asText("");
        String project = message.path("project").asText(message.path("project_slug").asText(""));
        if (project.isEmpty()) {
            project = bySlugOrId(message.path("project_id").asText(""));
        }
        switch (type) {
            case "subscribe" -> subscribe(project);
            case "unsubscribe" -> {
                ChangeFeed.Subscription subscription = subscriptions.remove(project);
                if (subscription != null) {
                    subscription.close();
                    projectIds.remove(project);
                }
            }
            case "ping" -> send(frame("pong", null, null));
            default -> close(CloseCodes.BAD_REQUEST, "unknown message type; use subscribe, unsubscribe or ping");
        }
    }

    /**
     * A project id as the caller's slug for it ({@code "?"}, which no project has, when the caller sees no such
     * project: the subscription is then refused like a non-member's); a slug as it is.
     */
    private String bySlugOrId(String projectId) {
        try {
            return slugs.slugOf(caller, UUID.fromString(projectId)).orElse("?");
        } catch (IllegalArgumentException notAnId) {
            return projectId;
        }
    }

    private void subscribe(String project) {
        if (project.isEmpty()) {
            close(CloseCodes.BAD_REQUEST, "subscribe names a project: {\"type\":\"subscribe\",\"project\":\"<slug>\"}");
            return;
        }
        if (subscriptions.containsKey(project)) {
            send(frame("ready", project, null));
            return;
        }
        if (subscriptions.size() >= settings.maxSubscriptions()) {
            close(CloseCodes.BAD_REQUEST, "at most " + settings.maxSubscriptions() + " projects per socket");
            return;
        }
        UUID projectId;
        try {
            projectId = access.authorize(caller, project, Action.TASKS_VIEW).project().id();
        } catch (Refusal refusal) {
            close(CloseCodes.FORBIDDEN, "not a member of project '" + printable(project) + "'");
            return;
        }
        ChangeFeed.Subscription subscription = feed.subscribeToChanges(projectId, change -> mark(project, change));
        projectIds.put(project, projectId);
        if (subscriptions.putIfAbsent(project, subscription) != null) {
            subscription.close();
        }
        if (closed.get()) {
            subscription.close();
            return;
        }
        send(frame("ready", project, null));
    }

    /** On the publisher's thread: remember, and make sure a flush is coming. Never blocks. */
    private void mark(String project, ChangeFeed.Change change) {
        if (closed.get()) {
            return;
        }
        Map<String, String> subject = marked.size() >= MAX_MARKS ? Map.of() : change.subject();
        marked.add(new Mark(project, change.topic(), subject));
        if (flushScheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlushNanos + settings.pushInterval().toNanos() - System.nanoTime());
            try {
                scheduler.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushScheduled.set(false);
            }
        }
    }

    private void flush() {
        try {
            lastFlushNanos = System.nanoTime();
            flushScheduled.set(false);
            if (closed.get()) {
                return;
            }
            List<Mark> taken = new ArrayList<>(marked);
            marked.removeAll(taken);
            List<Mark> due = coalesced(taken);
            if (due.isEmpty()) {
                return;
            }
            if (!sessionLive.getAsBoolean()) {
                close(CloseCodes.UNAUTHENTICATED, "the session ended; sign in again");
                return;
            }
            Set<String> allowed = new java.util.HashSet<>();
            for (Mark mark : due) {
                if (allowed.contains(mark.project())) {
                    continue;
                }
                try {
                    access.authorize(caller, mark.project(), Action.TASKS_VIEW);
                    allowed.add(mark.project());
                } catch (Refusal refusal) {
                    close(CloseCodes.FORBIDDEN, "no longer a member of project '" + printable(mark.project()) + "'");
                    return;
                }
            }
            for (Mark mark : due) {
                send(event(mark));
            }
        } catch (RuntimeException e) {
            LOG.warn("a dashboard push failed; closing that socket so the page reconnects", e);
            close(CloseCodes.SERVER_ERROR, "push failed; reconnect");
        }
    }

    /**
     * A subject-less change of a (project, topic) covers every change of it with a subject: the page re-reads that
     * topic anyway, so those pushes would say nothing more.
     */
    private static List<Mark> coalesced(List<Mark> marks) {
        Set<String> whole = new java.util.HashSet<>();
        for (Mark mark : marks) {
            if (mark.subject().isEmpty()) {
                whole.add(mark.project() + "\n" + mark.topic().wire());
            }
        }
        return marks.stream().filter(m -> m.subject().isEmpty() || !whole.contains(m.project() + "\n"
                + m.topic().wire())).toList();
    }

    void ping() {
        if (!closed.get()) {
            send(frame("ping", null, null));
        }
    }

    private void send(String text) {
        transport.send(text, () -> close(CloseCodes.TOO_SLOW, "the page does not read its updates; reload it"));
    }

    /** Closes the socket (once) and ends its subscriptions. */
    void close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            released();
            transport.close(code, reason);
        }
    }

    /** The socket closed (either side): ends the subscriptions. */
    void closed() {
        closed.set(true);
        released();
    }

    private void released() {
        subscriptions.values().forEach(ChangeFeed.Subscription::close);
        subscriptions.clear();
        marked.clear();
    }

    private String event(Mark mark) {
        ObjectNode node = node("event", mark.project(), mark.topic().wire());
        if (!mark.subject().isEmpty()) {
            ObjectNode subject = node.putObject("subject");
            new java.util.TreeMap<>(mark.subject()).forEach(subject::put);
        }
        return node.toString();
    }

    private String frame(String type, String project, String topic) {
        return node(type, project, topic).toString();
    }

    private ObjectNode node(String type, String project, String topic) {
        ObjectNode node = JSON.createObjectNode().put("type", type);
        if (topic != null) {
            node.put("topic", topic);
        }
        if (project != null) {
            node.put("project", project);
            UUID id = projectIds.get(project);
            if (id != null) {
                node.put("project_id", id.toString());
            }
        }
        return node;
    }

    private static String printable(String text) {
        String cut = text.length() > 63 ? text.substring(0, 63) : text;
        return cut.replaceAll("[^a-z0-9-]", "?");
    }
}
