package dev.z4j.app.ingest;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read API on a real brain: an agent streams a workflow over the WebSocket, and the REST routes show it with
 * upstream's paths and field names, to members of the project only; exports carry the same tasks.
 */
class TaskReadHttpTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path home;
    static IdentityWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = IdentityWorld.start(home, Map.of());
        HttpResponse<String> response = world.owner.post("/api/v1/projects/ops/agents", Json.object("name", "web"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode minted = Json.parse(response.body());
        try (TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + world.port),
                minted.get("token").asText()).withHmacSecret(minted.get("hmac_secret").asText())) {
            agent.hello();
            Map<String, Object> child = taskEvent("task.received", "child-1");
            data(child).put("parent_task_id", "root-1");
            data(child).put("root_task_id", "root-1");
            Map<String, Object> succeeded = taskEvent("task.succeeded", "root-1");
            data(succeeded).put("result", Map.of("sum", 3, "note", "héllo, \"world\"\n☃"));
            Map<String, Object> unicode = taskEvent("task.received", "tâche-☃");
            data(unicode).put("task_name", "=cmd|' /C calc'!A0");
            List<Map<String, Object>> events = new ArrayList<>(List.of(taskEvent("task.received", "root-1"),
                    taskEvent("task.started", "root-1"), succeeded, child, unicode));
            agent.sendEventBatch(events);
            assertThat(agent.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("accepted", 5L);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static JsonNode ok(Browser browser, String path) {
        HttpResponse<String> response = browser.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    @Test
    void tasks_are_listed_with_upstreams_field_names_newest_first() {
        JsonNode page = ok(world.owner, "/api/v1/projects/ops/tasks");

        assertThat(page.get("next_cursor").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("task_id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("root-1", "child-1", "tâche-☃");
        JsonNode root = find(page, "root-1");
        assertThat(root.get("state").asText()).isEqualTo("success");
        assertThat(root.get("engine").asText()).isEqualTo("demo");
        assertThat(root.get("name").asText()).isEqualTo("demo.add");
        assertThat(root.get("queue").asText()).isEqualTo("default");
        assertThat(root.get("worker_name").asText()).isEqualTo("w1@host");
        assertThat(root.get("finished_at").isNull()).isFalse();
        assertThat(root.has("args")).as("lists leave the big fields to the detail").isFalse();
        assertThat(find(page, "child-1").get("parent_task_id").asText()).isEqualTo("root-1");
    }

    static JsonNode find(JsonNode page, String taskId) {
        for (JsonNode item : page.get("items")) {
            if (item.get("task_id").asText().equals(taskId)) {
                return item;
            }
        }
        throw new AssertionError(taskId + " not in " + page);
    }

    @Test
    void filters_and_cursor_pages() {
        JsonNode success = ok(world.owner, "/api/v1/projects/ops/tasks?state=success");
        assertThat(success.get("items")).hasSize(1);
        assertThat(ok(world.owner, "/api/v1/projects/ops/tasks?search=T%C3%82CHE").get("items")).hasSize(0);
        assertThat(ok(world.owner, "/api/v1/projects/ops/tasks?search=%E2%98%83").get("items")).hasSize(1);
        assertThat(ok(world.owner, "/api/v1/projects/ops/tasks?worker=w1@host&queue=default").get("items"))
                .hasSize(3);

        JsonNode first = ok(world.owner, "/api/v1/projects/ops/tasks?limit=2");
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = ok(world.owner, "/api/v1/projects/ops/tasks?limit=2&cursor="
                + first.get("next_cursor").asText());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void a_bad_filter_is_422_naming_the_parameter() {
        for (String query : List.of("state=bogus", "limit=0", "limit=x", "since=yesterday", "cursor=%21%21",
                "format=xlsx")) {
            HttpResponse<String> response = world.owner.get("/api/v1/projects/ops/tasks?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(422);
            JsonNode body = Json.parse(response.body());
            assertThat(body.get("error").asText()).isEqualTo("validation_error");
            assertThat(body.get("details").get("field").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
        }
        assertThat(world.owner.get("/api/v1/projects/ops/events?engine=demo").statusCode()).isEqualTo(422);
        assertThat(world.owner.get("/api/v1/projects/ops/stats?hours=5").statusCode()).isEqualTo(422);
    }

    @Test
    void detail_events_and_tree_of_a_task() {
        JsonNode detail = ok(world.owner, "/api/v1/projects/ops/tasks/demo/root-1");
        assertThat(detail.get("args").toString()).isEqualTo("[1,2]");
        assertThat(detail.get("result").get("sum").asInt()).isEqualTo(3);
        assertThat(detail.get("traceback").isNull()).isTrue();

        JsonNode events = ok(world.owner, "/api/v1/projects/ops/events?engine=demo&task_id=root-1");
        List<String> kinds = new ArrayList<>();
        events.get("items").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrder("task.received", "task.started", "task.succeeded");
        assertThat(events.get("items").get(0).get("payload").isObject()).isTrue();

        JsonNode tree = ok(world.owner, "/api/v1/projects/ops/tasks/demo/child-1/tree");
        assertThat(tree.get("root_task_id").asText()).isEqualTo("root-1");
        assertThat(tree.get("node_count").asInt()).isEqualTo(2);
        assertThat(tree.get("truncated").asBoolean()).isFalse();

        assertThat(world.owner.get("/api/v1/projects/ops/tasks/demo/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void workers_queues_and_stats() {
        JsonNode workers = ok(world.owner, "/api/v1/projects/ops/workers");
        JsonNode worker = workers.get(0);
        assertThat(worker.get("name").asText()).isEqualTo("w1@host");
        assertThat(worker.get("succeeded").asLong()).isEqualTo(1);
        assertThat(worker.get("processed").asLong()).isEqualTo(1);
        assertThat(ok(world.owner, "/api/v1/projects/ops/workers/" + worker.get("id").asText()).has("metadata"))
                .isTrue();

        JsonNode queues = ok(world.owner, "/api/v1/projects/ops/queues");
        assertThat(queues.get(0).get("name").asText()).isEqualTo("default");

        JsonNode stats = ok(world.owner, "/api/v1/projects/ops/stats?hours=1");
        assertThat(stats.get("tasks_total").asLong()).isEqualTo(3);
        assertThat(stats.get("tasks_by_state").get("success").asLong()).isEqualTo(1);
        assertThat(stats.get("tasks_by_state").get("received").asLong()).isEqualTo(2);
        assertThat(stats.get("tasks_succeeded_24h").asLong()).isEqualTo(1);
        assertThat(stats.get("system_health").get("status").asText()).isIn("healthy", "degraded", "critical");
    }

    @Test
    void only_members_read_a_projects_tasks() {
        int n = world.next();
        world.createProject("other-" + n);
        String stranger = "stranger" + n + "@example.test";
        world.createUser(stranger, false);
        world.addMember("other-" + n, stranger, "viewer");
        String viewer = "viewer" + n + "@example.test";
        world.createUser(viewer, false);
        world.addMember("ops", viewer, "viewer");

        Browser outsider = world.login(stranger);
        for (String path : List.of("/tasks", "/tasks/demo/root-1", "/tasks/demo/root-1/tree",
                "/events?engine=demo&task_id=root-1", "/workers", "/queues", "/stats", "/tasks?format=csv")) {
            HttpResponse<String> response = outsider.get("/api/v1/projects/ops" + path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).doesNotContain("root-1\"").doesNotContain("w1@host");
        }
        assertThat(ok(world.login(viewer), "/api/v1/projects/ops/tasks").get("items")).hasSize(3);
        assertThat(new Browser(world.port).get("/api/v1/projects/ops/tasks").statusCode()).isEqualTo(401);
    }

    @Test
    void exports_carry_every_matching_task_with_its_details() {
        HttpResponse<String> csv = world.owner.get("/api/v1/projects/ops/tasks?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .contains("z4j-tasks-ops.csv");
        String[] lines = csv.body().split("\r\n(?=[^\"]*(\"[^\"]*\"[^\"]*)*$)");
        assertThat(lines[0]).startsWith("id,project_id,engine,task_id,name,queue,state,priority,args,kwargs,result");
        assertThat(lines).hasSize(4);
        assertThat(csv.body()).contains("tâche-☃")
                .as("a formula-like name is exported as it is").contains("=cmd|' /C calc'!A0")
                .as("quotes are doubled in a quoted field").contains("\\\"\"world\\\"\"");

        HttpResponse<String> jsonl = world.owner.get("/api/v1/projects/ops/tasks?format=jsonl&state=success");
        assertThat(jsonl.statusCode()).isEqualTo(200);
        List<String> rows = jsonl.body().lines().toList();
        assertThat(rows).hasSize(1);
        JsonNode row = Json.parse(rows.get(0));
        assertThat(row.get("task_id").asText()).isEqualTo("root-1");
        assertThat(row.get("result").get("note").asText()).isEqualTo("héllo, \"world\"\n☃");

        assertThat(world.owner.get("/api/v1/projects/ops/tasks?format=csv&state=revoked").body())
                .as("an empty export still has its header").startsWith("id,project_id").hasLineCount(1);
    }
}
