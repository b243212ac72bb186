package dev.z4j.app.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.testing.LongPollTestAgent;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import dev.z4j.ports.testing.Await;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands on a real brain ({@code Z4jBrain}, what {@code z4j serve} runs) with protocol v2 test agents: issued over
 * REST, pushed to a WebSocket agent at once or collected by a long-polling one, finished by the agent's result or by
 * the timeout sweep.
 */
class BrainCommandsTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String COMMANDS = "/api/v1/projects/ops/commands";

    @TempDir
    static Path home;
    static IdentityWorld world;
    static Browser operator;
    static Browser viewer;

    @BeforeAll
    static void start() {
        world = IdentityWorld.start(home, Map.of("Z4J_COMMAND_TIMEOUT_SECONDS", "3"));
        operator = world.member("ops", "oscar@example.test", "operator");
        viewer = world.member("ops", "vera@example.test", "viewer");
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static JsonNode mint() {
        HttpResponse<String> response = world.owner.post("/api/v1/projects/ops/agents",
                Json.object("name", "agent-" + UUID.randomUUID()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    static URI brain() {
        return URI.create("http://127.0.0.1:" + world.port);
    }

    static TestAgent connect(JsonNode minted) throws Exception {
        TestAgent agent = TestAgent.connect(brain(), minted.get("token").asText())
                .withHmacSecret(minted.get("hmac_secret").asText());
        agent.hello();
        return agent;
    }

    static String agentId(JsonNode minted) {
        return minted.get("agent").get("id").asText();
    }

    static HttpResponse<String> retry(Browser who, String agentId, String taskId, String idempotencyKey) {
        Map<String, Object> body = new HashMap<>(Map.of("agent_id", agentId, "engine", "demo", "task_id", taskId));
        if (idempotencyKey != null) {
            body.put("idempotency_key", idempotencyKey);
        }
        return who.post(COMMANDS + "/retry-task", Json.object(body.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray()));
    }

    static JsonNode command(String id) {
        HttpResponse<String> response = viewer.get(COMMANDS + "/" + id);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    static Map<String, Object> success(Map<String, Object> result) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("status", "success");
        payload.put("result", result);
        payload.put("error", null);
        return payload;
    }

    @Test
    void a_retry_from_rest_reaches_the_agent_and_its_result_completes_the_command() throws Exception {
        JsonNode minted = mint();
        try (TestAgent agent = connect(minted)) {
            HttpResponse<String> issued = retry(operator, agentId(minted), "t-1", null);

            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
            JsonNode body = Json.parse(issued.body());
            String id = body.get("id").asText();
            assertThat(body.get("action").asText()).isEqualTo("retry_task");
            assertThat(body.get("target_id").asText()).isEqualTo("demo:t-1");

            Frame frame = agent.awaitFrame("command", WAIT);
            assertThat(frame.id()).isEqualTo(id);
            assertThat(frame.payload()).containsEntry("action", "retry_task").containsEntry("timeout_seconds", 3L);
            assertThat(frame.payload().get("target")).isEqualTo(Map.of("type", "task", "id", "demo:t-1",
                    "engine", "demo"));
            assertThat(command(id).get("status").asText()).isEqualTo("dispatched");

            agent.sendSigned("command_ack", id, Map.of());
            agent.sendSigned("command_result", id, success(Map.of("new_task_id", "t-2")));

            Await.until("the command is completed", WAIT, () -> command(id).get("status").asText().equals("completed"));
            JsonNode done = command(id);
            assertThat(done.get("result").get("new_task_id").asText()).isEqualTo("t-2");
            assertThat(done.get("completed_at").isNull()).isFalse();
        }
    }

    @Test
    void a_bulk_retry_by_state_reaches_the_agent_naming_the_failed_tasks_it_reported() throws Exception {
        JsonNode minted = mint();
        try (TestAgent agent = connect(minted)) {
            String batch = agent.sendEventBatch(List.of(TestAgent.taskEvent("task.failed", "bulk-f1"),
                    TestAgent.taskEvent("task.failed", "bulk-f2"), TestAgent.taskEvent("task.succeeded", "bulk-ok")));
            assertThat(agent.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("acked_id", batch);

            HttpResponse<String> issued = operator.post(COMMANDS + "/bulk-retry", Json.object("agent_id",
                    agentId(minted), "engine", "demo", "filter", Map.of("state", "failure", "name", "demo.add")));

            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
            Frame frame = agent.awaitFrame("command", WAIT);
            assertThat(frame.payload()).containsEntry("action", "bulk_retry");
            Map<?, ?> filter = (Map<?, ?>) ((Map<?, ?>) frame.payload().get("parameters")).get("filter");
            assertThat(filter.get("task_ids")).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .containsExactlyInAnyOrder("bulk-f1", "bulk-f2");
            assertThat(filter.get("task_names")).isEqualTo(Map.of("bulk-f1", "demo.add", "bulk-f2", "demo.add"));

            HttpResponse<String> nothing = operator.post(COMMANDS + "/bulk-retry", Json.object("agent_id",
                    agentId(minted), "engine", "demo", "filter", Map.of("state", "revoked")));
            assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(422);
            assertThat(Json.parse(nothing.body()).get("details").get("reason").asText()).isEqualTo("nothing_to_retry");
        }
    }

    @Test
    void a_command_whose_agent_goes_away_times_out_and_a_late_result_is_ignored() throws Exception {
        JsonNode minted = mint();
        String id;
        try (TestAgent agent = connect(minted)) {
            id = Json.parse(retry(operator, agentId(minted), "t-gone", null).body()).get("id").asText();
            agent.awaitFrame("command", WAIT);
        }
        Await.until("the command timed out", WAIT, () -> command(id).get("status").asText().equals("timeout"));
        assertThat(command(id).get("error").asText()).contains("timed out");

        try (TestAgent agent = connect(minted)) {
            agent.sendSigned("command_result", id, success(Map.of()));
            // A connection's frames are handled in order: once this batch is acknowledged, the result was handled.
            agent.sendEventBatch(List.of(TestAgent.taskEvent("task.received", "t-after-late-result")));
            agent.awaitFrame("event_batch_ack", WAIT);
        }
        assertThat(command(id).get("status").asText()).isEqualTo("timeout");
        assertThat(command(id).get("result").isNull()).as("the late result is not stored").isTrue();
    }

    @Test
    void a_command_waiting_for_its_agent_goes_out_when_the_agent_connects() throws Exception {
        JsonNode minted = mint();
        LongPollTestAgent poller = new LongPollTestAgent(brain(), minted.get("token").asText(),
                minted.get("hmac_secret").asText(), UUID.fromString(agentId(minted)),
                UUID.fromString(minted.get("agent").get("project_id").asText()), "nonce-" + UUID.randomUUID());
        poller.poll(0, 1);
        String id = Json.parse(retry(operator, agentId(minted), "t-waiting", null).body()).get("id").asText();
        assertThat(command(id).get("status").asText()).as("no WebSocket to push it on").isEqualTo("pending");

        try (TestAgent agent = connect(minted)) {
            assertThat(agent.awaitFrame("command", WAIT).id()).isEqualTo(id);
        }
    }

    @Test
    void the_same_idempotency_key_returns_the_same_command() throws Exception {
        JsonNode minted = mint();
        try (TestAgent agent = connect(minted)) {
            String key = "retry-" + UUID.randomUUID();
            HttpResponse<String> first = retry(operator, agentId(minted), "t-idem", key);
            HttpResponse<String> second = retry(operator, agentId(minted), "t-idem", key);

            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            String id = Json.parse(first.body()).get("id").asText();
            assertThat(Json.parse(second.body()).get("id").asText()).isEqualTo(id);
            assertThat(agent.awaitFrame("command", WAIT).id()).isEqualTo(id);
            agent.assertNoFrameWithin(Duration.ofMillis(300));
            long stored = Json.parse(viewer.get(COMMANDS + "?limit=500").body()).get("items").findValuesAsText("id")
                    .stream().filter(id::equals).count();
            assertThat(stored).isEqualTo(1);
        }
    }

    @Test
    void an_agent_that_is_not_connected_is_503_agent_offline() {
        JsonNode minted = mint();
        HttpResponse<String> response = retry(operator, agentId(minted), "t-offline", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(Json.parse(response.body()).get("error").asText()).isEqualTo("agent_offline");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(viewer.get(COMMANDS + "?limit=500").body()).doesNotContain("t-offline");
    }

    @Test
    void a_viewer_may_read_commands_but_not_issue_them() throws Exception {
        JsonNode minted = mint();
        try (TestAgent agent = connect(minted)) {
            HttpResponse<String> refused = retry(viewer, agentId(minted), "t-viewer", null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(viewer.get(COMMANDS).statusCode()).isEqualTo(200);
            HttpResponse<String> purge = operator.post(COMMANDS + "/purge-queue", Json.object("agent_id",
                    agentId(minted), "queue", "emails", "force", true));
            assertThat(purge.statusCode()).as("purging takes an admin: " + purge.body()).isEqualTo(403);
            agent.assertNoFrameWithin(Duration.ofMillis(300));
        }
    }

    @Test
    void a_long_polling_agent_picks_the_command_up_and_reports_its_result() {
        JsonNode minted = mint();
        LongPollTestAgent agent = new LongPollTestAgent(brain(), minted.get("token").asText(),
                minted.get("hmac_secret").asText(), UUID.fromString(agentId(minted)),
                UUID.fromString(minted.get("agent").get("project_id").asText()), "nonce-" + UUID.randomUUID());
        assertThat(agent.poll(0, 1)).as("nothing waits yet").isEmpty();

        HttpResponse<String> issued = retry(operator, agentId(minted), "t-poll", null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
        String id = Json.parse(issued.body()).get("id").asText();

        List<Frame> frames = agent.poll(5, 10);
        assertThat(frames).extracting(Frame::id).containsExactly(id);
        assertThat(frames.get(0).type()).isEqualTo("command");
        assertThat(command(id).get("status").asText()).isEqualTo("dispatched");

        assertThat(agent.postFrames(agent.sign("command_ack", id, Map.of()),
                agent.sign("command_result", id, success(Map.of("ok", true))))).containsEntry("accepted", 2L);
        Await.until("the command is completed", WAIT, () -> command(id).get("status").asText().equals("completed"));
    }
}
