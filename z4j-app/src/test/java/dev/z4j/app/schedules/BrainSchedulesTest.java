package dev.z4j.app.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules on a real brain: a protocol v2 agent reports its scheduler's schedules in an event batch, REST lists
 * them, and switching one sends the agent a command.
 */
class BrainSchedulesTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SCHEDULES = "/api/v1/projects/ops/schedules";

    @TempDir
    static Path home;
    static IdentityWorld world;
    static Browser operator;
    static Browser viewer;

    @BeforeAll
    static void start() {
        world = IdentityWorld.start(home, Map.of());
        world.createUser("oscar@example.test", false);
        world.addMember("ops", "oscar@example.test", "operator");
        world.createUser("vera@example.test", false);
        world.addMember("ops", "vera@example.test", "viewer");
        operator = world.login("oscar@example.test");
        viewer = world.login("vera@example.test");
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static TestAgent beatAgent() throws Exception {
        HttpResponse<String> minted = world.owner.post("/api/v1/projects/ops/agents",
                Json.object("name", "beat-" + UUID.randomUUID()));
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        JsonNode credential = Json.parse(minted.body());
        TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + world.port),
                credential.get("token").asText()).withHmacSecret(credential.get("hmac_secret").asText());
        Map<String, Object> hello = TestAgent.standardHello("beat-" + UUID.randomUUID());
        hello.put("engines", List.of("celery"));
        hello.put("schedulers", List.of("celery-beat"));
        hello.put("capabilities", Map.of("celery", List.of("retry_task"),
                "celery-beat", List.of("schedule.enable", "schedule.disable")));
        agent.hello(hello);
        return agent;
    }

    static Map<String, Object> schedule(String name) {
        Map<String, Object> s = new HashMap<>();
        s.put("name", name);
        s.put("task_name", "app.report");
        s.put("kind", "cron");
        s.put("expression", "0 3 * * *");
        s.put("timezone", "UTC");
        s.put("args", List.of());
        s.put("kwargs", Map.of("api_key", "sk_live_abcdefghijklmnop", "to", "ops"));
        s.put("is_enabled", true);
        return s;
    }

    static void reportSnapshot(TestAgent agent, List<Map<String, Object>> schedules) {
        Map<String, Object> event = new HashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("kind", "schedule.snapshot");
        event.put("engine", "celery");
        event.put("task_id", "");
        event.put("occurred_at", Instant.now().toString());
        event.put("data", Map.of("scheduler", "celery-beat", "schedules", schedules, "reason", "boot"));
        agent.sendEventBatch(List.of(event));
        agent.awaitFrame("event_batch_ack", WAIT);
    }

    static JsonNode find(String name) {
        HttpResponse<String> list = viewer.get(SCHEDULES + "?limit=500");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode item : Json.parse(list.body()).get("items")) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no schedule " + name + " in " + list.body());
    }

    @Test
    void reported_schedules_are_listed_and_disabling_one_sends_its_agent_a_command() throws Exception {
        try (TestAgent agent = beatAgent()) {
            reportSnapshot(agent, List.of(schedule("nightly-report"), schedule("hourly-sync")));

            JsonNode nightly = find("nightly-report");
            assertThat(nightly.get("scheduler").asText()).isEqualTo("celery-beat");
            assertThat(nightly.get("is_enabled").asBoolean()).isTrue();
            assertThat(nightly.get("kwargs").get("api_key").asText()).isEqualTo("[REDACTED]");
            String id = nightly.get("id").asText();
            assertThat(viewer.get(SCHEDULES + "/" + id).statusCode()).isEqualTo(200);

            HttpResponse<String> refused = viewer.post(SCHEDULES + "/" + id + "/disable", "{}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

            HttpResponse<String> disabled = operator.post(SCHEDULES + "/" + id + "/disable", "{}");
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(202);
            JsonNode body = Json.parse(disabled.body());
            assertThat(body.get("is_enabled").asBoolean()).isFalse();
            Frame command = agent.awaitFrame("command", WAIT);
            assertThat(command.id()).isEqualTo(body.get("command").get("id").asText());
            assertThat(command.payload()).containsEntry("action", "schedule.disable");
            assertThat(command.payload().get("target")).isEqualTo(Map.of("type", "schedule", "id", id,
                    "engine", "celery", "scheduler", "celery-beat"));

            HttpResponse<String> trigger = operator.post(SCHEDULES + "/" + id + "/trigger", "{}");
            assertThat(trigger.statusCode()).as("this scheduler cannot trigger: " + trigger.body()).isEqualTo(422);
            assertThat(trigger.body()).contains("action_not_supported");

            reportSnapshot(agent, List.of(schedule("hourly-sync")));
            assertThat(viewer.get(SCHEDULES + "/" + id).statusCode()).as("dropped from the snapshot").isEqualTo(404);
        }
    }

    @Test
    void switching_a_schedule_whose_scheduler_has_no_connected_agent_is_503() throws Exception {
        String id;
        try (TestAgent agent = beatAgent()) {
            reportSnapshot(agent, List.of(schedule("lonely")));
            id = find("lonely").get("id").asText();
        }
        HttpResponse<String> response = operator.post(SCHEDULES + "/" + id + "/enable", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(Json.parse(response.body()).get("error").asText()).isEqualTo("agent_offline");
    }
}
