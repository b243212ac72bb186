package dev.z4j.app.ingest;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.testing.LongPollTestAgent;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import dev.z4j.ports.testing.Await;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent gateway inside a real brain ({@code Z4jBrain}, what {@code z4j serve} runs): an agent minted over REST
 * connects over WebSocket and long-poll, its batches are stored before they are acknowledged, and revoking it over
 * REST ends its live session at once.
 */
class BrainGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path home;
    static IdentityWorld world;

    @BeforeAll
    static void start() {
        world = IdentityWorld.start(home, Map.of("Z4J_MAX_BODY_BYTES", "4096"));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static JsonNode mint(String name) {
        HttpResponse<String> response = world.owner.post("/api/v1/projects/ops/agents", Json.object("name", name));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    static URI brain() {
        return URI.create("http://127.0.0.1:" + world.port);
    }

    static long events(String taskId) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("z4j.db"));
             var statement = db.prepareStatement("SELECT count(*) FROM events WHERE task_id = ?")) {
            statement.setString(1, taskId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void an_agent_streams_over_the_websocket_and_each_ack_means_stored() throws Exception {
        JsonNode minted = mint("web-" + UUID.randomUUID());
        try (TestAgent agent = TestAgent.connect(brain(), minted.get("token").asText())
                .withHmacSecret(minted.get("hmac_secret").asText())) {
            agent.hello();
            String id = agent.sendEventBatch(List.of(taskEvent("task.received", "ws-1"),
                    taskEvent("task.started", "ws-1")));

            assertThat(agent.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("acked_id", id)
                    .containsEntry("accepted", 2L);
            assertThat(events("ws-1")).isEqualTo(2);
        }
    }

    @Test
    void a_long_poll_post_larger_than_the_rest_body_limit_is_accepted() throws Exception {
        JsonNode minted = mint("poller-" + UUID.randomUUID());
        LongPollTestAgent agent = new LongPollTestAgent(brain(), minted.get("token").asText(),
                minted.get("hmac_secret").asText(), UUID.fromString(minted.get("agent").get("id").asText()),
                UUID.fromString(minted.get("agent").get("project_id").asText()), "nonce-1");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(taskEvent("task.received", "lp-" + i));
        }
        byte[] batch = agent.sign("event_batch", "ev_lp", Map.of("events", events));
        assertThat(batch.length).isGreaterThan(4096);

        assertThat(agent.postFrames(batch)).containsEntry("accepted", 1L);

        assertThat(events("lp-39")).isEqualTo(1);
        assertThat(agent.poll(0, 10)).extracting(f -> f.type()).contains("event_batch_ack");
    }

    @Test
    void revoking_over_rest_closes_the_agents_live_session_at_once() throws Exception {
        JsonNode minted = mint("leaky-" + UUID.randomUUID());
        try (TestAgent agent = TestAgent.connect(brain(), minted.get("token").asText())
                .withHmacSecret(minted.get("hmac_secret").asText())) {
            agent.hello();

            HttpResponse<String> revoked = world.owner.post("/api/v1/projects/ops/agents/"
                    + minted.get("agent").get("id").asText() + "/revoke", "{}");

            assertThat(revoked.statusCode()).isEqualTo(204);
            assertThat(agent.awaitClose(WAIT).code()).isEqualTo(4003);
        }
        Await.until("the agent is offline", WAIT, () -> world.owner.get("/api/v1/projects/ops/agents").body()
                .contains("\"state\":\"offline\""));
    }
}
