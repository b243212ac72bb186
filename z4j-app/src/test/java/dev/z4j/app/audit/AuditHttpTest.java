package dev.z4j.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit read API on a real brain: who may read what, filters, cursor pages, CSV and JSON-lines exports. */
class AuditHttpTest {

    static final UUID AGENT = UUID.fromString("4f2b0c1e-9a77-4d61-8f0e-2b1d7c3a5e90");

    @TempDir
    static Path home;
    static IdentityWorld world;
    static String opsId;

    @BeforeAll
    static void setUp() {
        world = IdentityWorld.start(home);
        world.createUser("admin@example.test", false);
        world.createUser("viewer@example.test", false);
        world.createUser("outsider@example.test", false);
        world.addMember("ops", "admin@example.test", "admin");
        world.addMember("ops", "viewer@example.test", "viewer");
        world.createProject("billing");
        opsId = Json.parse(world.owner.get("/api/v1/projects/ops").body()).get("id").asText();
        for (int i = 0; i < 5; i++) {
            world.brain.audit().record(AuditEntry.of(Actor.agent(AGENT), "task.retry", "task", "celery-" + i)
                    .withProject(UUID.fromString(opsId)).withRequest("203.0.113." + i, "agent, \"quoted\"")
                    .withMetadata(Map.of("attempt", i, "ratio", 0.5)));
        }
    }

    @AfterAll
    static void tearDown() {
        world.close();
    }

    static JsonNode page(Browser who, String path) {
        HttpResponse<String> response = who.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    @Test
    void a_project_admin_reads_that_projects_rows_and_only_those() {
        JsonNode page = page(world.login("admin@example.test"), "/api/v1/projects/ops/audit");
        assertThat(page.get("items")).isNotEmpty();
        page.get("items").forEach(item -> assertThat(item.get("project_id").asText()).isEqualTo(opsId));
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("action").asText()).isEqualTo("task.retry");
        assertThat(newest.get("target_id").asText()).isEqualTo("celery-4");
        assertThat(newest.get("actor_type").asText()).isEqualTo("agent");
        assertThat(newest.get("metadata").get("ratio").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(newest.get("row_hmac").asText()).matches("[0-9a-f]{64}");
        assertThat(newest.get("prev_row_hmac").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void only_admins_of_the_project_and_owners_read_it_and_only_owners_read_everything() {
        assertThat(new Browser(world.port).get("/api/v1/projects/ops/audit").statusCode()).isEqualTo(401);
        assertThat(new Browser(world.port).get("/api/v1/audit").statusCode()).isEqualTo(401);
        Browser viewer = world.login("viewer@example.test");
        HttpResponse<String> forbidden = viewer.get("/api/v1/projects/ops/audit");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Json.parse(forbidden.body()).get("error").asText()).isEqualTo("forbidden");
        assertThat(world.login("outsider@example.test").get("/api/v1/projects/ops/audit").statusCode()).isEqualTo(404);
        assertThat(world.login("admin@example.test").get("/api/v1/audit").statusCode()).isEqualTo(403);
        JsonNode all = page(world.owner, "/api/v1/audit?limit=500");
        List<String> actions = new ArrayList<>();
        all.get("items").forEach(item -> actions.add(item.get("action").asText()));
        assertThat(actions).contains("setup.completed", "task.retry");
        assertThat(page(world.owner, "/api/v1/projects/billing/audit").get("items")).isNotEmpty();
    }

    @Test
    void pages_follow_the_cursor_without_gaps_or_repeats() {
        List<Long> seqs = new ArrayList<>();
        String path = "/api/v1/audit?limit=3";
        while (true) {
            JsonNode page = page(world.owner, path);
            page.get("items").forEach(item -> seqs.add(item.get("seq").asLong()));
            if (page.get("next_cursor").isNull()) {
                break;
            }
            path = "/api/v1/audit?limit=3&cursor=" + page.get("next_cursor").asText();
        }
        assertThat(seqs).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(1L);
        assertThat(seqs.get(0)).isEqualTo((long) seqs.size());
    }

    @Test
    void filters_narrow_by_actor_action_and_time() {
        JsonNode agent = page(world.owner, "/api/v1/audit?actor_type=agent&actor_id=" + AGENT + "&limit=500");
        assertThat(agent.get("items")).hasSize(5);
        assertThat(page(world.owner, "/api/v1/audit?action_prefix=task.&project_id=" + opsId).get("items")).hasSize(5);
        assertThat(page(world.owner, "/api/v1/audit?action_prefix=setup.").get("items")).allSatisfy(
                item -> assertThat(item.get("action").asText()).startsWith("setup."));
        assertThat(page(world.owner, "/api/v1/audit?since=2999-01-01").get("items")).isEmpty();
        assertThat(page(world.owner, "/api/v1/audit?until=2000-01-01%2000:00:00").get("items")).isEmpty();
    }

    @Test
    void bad_parameters_are_422_in_the_one_envelope() {
        for (String query : List.of("limit=0", "limit=501", "actor_type=robot", "cursor=garbage!", "since=yesterday",
                "format=xml", "actor_id=x", "project_id=nope")) {
            HttpResponse<String> response = world.owner.get("/api/v1/audit?" + query);
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(422);
            JsonNode error = Json.parse(response.body());
            assertThat(error.get("error").asText()).as(query).isEqualTo("validation_error");
            assertThat(error.get("request_id").asText()).isNotBlank();
        }
    }

    @Test
    void csv_and_json_lines_exports_carry_both_hmac_columns_oldest_first() {
        HttpResponse<String> csv = world.login("admin@example.test").get("/api/v1/projects/ops/audit?format=csv"
                + "&action_prefix=task.");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"z4j-audit-ops.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("seq,id,occurred_at,actor_type,actor_id,project_id,action,target_type,"
                + "target_id,result,source_ip,user_agent,metadata,key_id,prev_row_hmac,row_hmac");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).contains(",task.retry,task,celery-0,success,203.0.113.0,\"agent, \"\"quoted\"\"\","
                + "\"{\"\"attempt\"\":0,\"\"ratio\"\":0.5}\",").matches(".*,[0-9a-f]{64},[0-9a-f]{64}$");

        HttpResponse<String> jsonl = world.owner.get("/api/v1/audit?format=jsonl&actor_type=agent");
        assertThat(jsonl.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"z4j-audit.jsonl\"");
        List<JsonNode> rows = jsonl.body().lines().map(Json::parse).toList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).get("target_id").asText()).isEqualTo("celery-0");
        assertThat(rows.get(1).get("prev_row_hmac").asText()).isEqualTo(rows.get(0).get("row_hmac").asText());
    }
}
