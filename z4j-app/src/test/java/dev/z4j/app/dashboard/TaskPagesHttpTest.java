package dev.z4j.app.dashboard;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import dev.z4j.ports.testing.Await;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task pages over plain HTTP against a real brain fed by a real agent: links to tasks whose ids need encoding,
 * filters that are the REST list's and export links that carry them, a bad filter as a 422 page naming it, and
 * the pages refused to those who may not read the project. The browser-level behaviour (live updates) is in
 * {@link TaskPagesBrowserTest}.
 */
class TaskPagesHttpTest {

    static final String AWKWARD_ID = "group/1 b?c#d";

    @TempDir
    static Path home;
    static IdentityWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = IdentityWorld.start(home);
        HttpResponse<String> response = world.owner.post("/api/v1/projects/ops/agents", Json.object("name", "feeder"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode minted = Json.parse(response.body());
        try (TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + world.port),
                minted.get("token").asText()).withHmacSecret(minted.get("hmac_secret").asText())) {
            agent.hello();
            String id = agent.sendEventBatch(List.of(taskEvent("task.received", AWKWARD_ID),
                    taskEvent("task.received", "plain-1"), taskEvent("task.started", "plain-1")));
            assertThat(agent.awaitFrame("event_batch_ack", Duration.ofSeconds(15)).payload())
                    .containsEntry("acked_id", id);
        }
        Await.until("the feeding agent is offline", Duration.ofSeconds(15), () -> world.owner
                .get("/api/v1/projects/ops/agents").body().contains("\"state\":\"offline\""));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void a_task_whose_id_has_slashes_spaces_and_query_characters_opens_from_its_link() {
        String html = world.owner.get("/projects/ops/tasks").body();
        Matcher row = Pattern.compile("href=\"(/projects/ops/tasks/demo/group[^\"]+)\"").matcher(html);
        assertThat(row.find()).isTrue();
        assertThat(row.group(1)).isEqualTo("/projects/ops/tasks/demo/group%2F1%20b%3Fc%23d");

        HttpResponse<String> page = world.owner.get(row.group(1));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<code id=\"task-id\">group/1 b?c#d</code>");
    }

    @Test
    void the_filters_are_the_rest_lists_and_the_export_links_carry_them() {
        HttpResponse<String> page = world.owner.get("/projects/ops/tasks?state=started&queue=default");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-task=\"plain-1\"").doesNotContain("data-task=\"group/1");
        assertThat(page.body()).contains("href=\"/api/v1/projects/ops/tasks?state=started&amp;queue=default&amp;format=csv\"");
        HttpResponse<String> csv = world.owner.get("/api/v1/projects/ops/tasks?state=started&queue=default&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("plain-1").doesNotContain("group/1");
    }

    @Test
    void a_filter_that_cannot_be_read_is_a_422_page_naming_it_with_the_form_kept() {
        HttpResponse<String> page = world.owner.get("/projects/ops/tasks?state=finished&search=abc");

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("state must be").contains("value=\"abc\"");
    }

    @Test
    void an_unknown_task_is_a_404_page_and_outsiders_see_no_project() {
        assertThat(world.owner.get("/projects/ops/tasks/demo/no-such-task").statusCode()).isEqualTo(404);
        String email = "outsider" + world.next() + "@example.test";
        world.createUser(email, false);
        Browser outsider = world.login(email);
        for (String path : List.of("/projects/ops/tasks", "/projects/ops/tasks/demo/plain-1", "/projects/ops/workers",
                "/projects/ops/queues")) {
            assertThat(outsider.get(path).statusCode()).as(path).isEqualTo(404);
        }
        String viewer = "viewer" + world.next() + "@example.test";
        world.createUser(viewer, false);
        world.addMember("ops", viewer, "viewer");
        assertThat(world.login(viewer).get("/projects/ops/tasks/demo/plain-1").body()).contains("plain-1");
    }

    @Test
    void retry_and_cancel_are_for_operators_and_a_refusal_shows_the_task_again_with_the_reason() {
        String viewerEmail = "watcher" + world.next() + "@example.test";
        world.createUser(viewerEmail, false);
        world.addMember("ops", viewerEmail, "viewer");
        Browser viewer = world.login(viewerEmail);
        String taskPage = viewer.get("/projects/ops/tasks/demo/plain-1").body();
        assertThat(taskPage).doesNotContain("id=\"retry\"").doesNotContain("id=\"cancel\"");
        assertThat(viewer.postForm("/projects/ops/tasks/demo/plain-1/retry", "").statusCode()).isEqualTo(403);

        String operatorEmail = "operator" + world.next() + "@example.test";
        world.createUser(operatorEmail, false);
        world.addMember("ops", operatorEmail, "operator");
        Browser operator = world.login(operatorEmail);
        assertThat(operator.get("/projects/ops/tasks/demo/plain-1").body()).contains("id=\"retry\"",
                "id=\"cancel\"");

        HttpResponse<String> refused = operator.postForm("/projects/ops/tasks/demo/plain-1/cancel", "");

        assertThat(refused.statusCode()).as("the feeding agent has gone: nobody could run it").isEqualTo(503);
        assertThat(refused.body()).contains("<p class=\"error\" role=\"alert\">", "<code id=\"task-id\">plain-1</code>");
        assertThat(Json.parse(world.owner.get("/api/v1/projects/ops/commands").body()).get("items")).isEmpty();
    }
}
