package dev.z4j.app.ingest;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ws/dashboard} on a real brain: a signed-in member's socket receives the task changes an agent's batch
 * causes; no session, a foreign Origin and a non-member are refused; losing the membership ends the pushes.
 */
class DashboardLiveTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;
    static IdentityWorld world;
    static JsonNode minted;

    @BeforeAll
    static void start() {
        world = IdentityWorld.start(home, Map.of());
        HttpResponse<String> response = world.owner.post("/api/v1/projects/ops/agents", Json.object("name", "web"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        minted = Json.parse(response.body());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /** A browser's socket: its text frames and how it closed. */
    static final class Page implements WebSocket.Listener, AutoCloseable {
        final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Page open(Browser browser, String origin) {
            Page page = new Page();
            WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            browser.cookie("z4j_session").ifPresent(session -> builder.header("Cookie", "z4j_session=" + session));
            if (origin != null) {
                builder.header("Origin", origin);
            }
            page.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + world.port + "/ws/dashboard"), page).join();
            return page;
        }

        static Page open(Browser browser) {
            return open(browser, "http://127.0.0.1:" + world.port);
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        JsonNode await(String type, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null && frame.path("type").asText().equals(type)) {
                    return frame;
                }
            }
            throw new AssertionError("no " + type + " frame within " + timeout + (closed.isDone()
                    ? "; closed with " + closed.getNow(0) : ""));
        }

        /** Events until every topic was pushed at least once; the last event of each topic. */
        Map<String, JsonNode> awaitEvents(Set<String> topics, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, JsonNode> seen = new HashMap<>();
            while (!seen.keySet().containsAll(topics)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + seen.keySet() + " of " + topics + " within " + timeout);
                }
                JsonNode frame = await("event", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                seen.put(frame.path("topic").asText(), frame);
            }
            return seen;
        }

        int awaitClose() throws Exception {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Json.parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    static void sendBatch(String taskId) throws Exception {
        try (TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + world.port),
                minted.get("token").asText()).withHmacSecret(minted.get("hmac_secret").asText())) {
            agent.hello();
            agent.sendEventBatch(List.of(taskEvent("task.received", taskId), taskEvent("task.started", taskId)));
            assertThat(agent.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("accepted", 2L);
        }
    }

    @Test
    void a_member_receives_task_changes_of_an_agents_batch() throws Exception {
        int n = world.next();
        String email = "watcher" + n + "@example.test";
        world.createUser(email, false);
        world.addMember("ops", email, "viewer");
        try (Page page = Page.open(world.login(email))) {
            page.send("{\"type\":\"subscribe\",\"project_id\":\"" + minted.get("agent").get("project_id").asText()
                    + "\"}");
            assertThat(page.await("ready", WAIT).get("project").asText()).isEqualTo("ops");

            sendBatch("live-" + n);

            Map<String, JsonNode> events = page.awaitEvents(Set.of("task.changed", "agent.changed"), WAIT);
            JsonNode event = events.get("task.changed");
            assertThat(event.get("project").asText()).isEqualTo("ops");
            assertThat(event.toString()).as("pushes carry no task data").doesNotContain("live-" + n);
            page.send("{\"type\":\"ping\"}");
            page.await("pong", WAIT);
        }
    }

    @Test
    void no_session_is_refused_with_4401() throws Exception {
        try (Page page = Page.open(new Browser(world.port))) {
            assertThat(page.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void a_foreign_origin_is_refused_with_4403() throws Exception {
        try (Page page = Page.open(world.owner, "https://evil.example")) {
            assertThat(page.awaitClose()).isEqualTo(4403);
        }
        try (Page page = Page.open(world.owner, null)) {
            assertThat(page.awaitClose()).as("no Origin at all").isEqualTo(4403);
        }
    }

    @Test
    void a_non_member_is_refused_on_subscribe_with_4403() throws Exception {
        int n = world.next();
        String email = "outsider" + n + "@example.test";
        world.createUser(email, false);
        try (Page page = Page.open(world.login(email))) {
            page.send("{\"type\":\"subscribe\",\"project\":\"ops\"}");
            assertThat(page.awaitClose()).isEqualTo(4403);
        }
    }

    @Test
    void losing_the_membership_ends_the_pushes() throws Exception {
        int n = world.next();
        String email = "leaver" + n + "@example.test";
        world.createUser(email, false);
        String membership = world.addMember("ops", email, "viewer");
        try (Page page = Page.open(world.login(email))) {
            page.send("{\"type\":\"subscribe\",\"project\":\"ops\"}");
            page.await("ready", WAIT);

            assertThat(world.owner.delete("/api/v1/projects/ops/memberships/" + membership).statusCode())
                    .isEqualTo(204);
            sendBatch("after-leaving-" + n);

            assertThat(page.awaitClose()).isEqualTo(4403);
            assertThat(page.frames).noneMatch(f -> f.path("type").asText().equals("event"));
        }
    }

    @Test
    void a_malformed_message_is_refused_with_4400() throws Exception {
        try (Page page = Page.open(world.owner)) {
            page.send("not json");
            assertThat(page.awaitClose()).isEqualTo(4400);
        }
    }
}
