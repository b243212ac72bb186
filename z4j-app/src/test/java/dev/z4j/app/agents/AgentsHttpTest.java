package dev.z4j.app.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/projects/{slug}/agents} on a real brain: mint, list, rotate, revoke, delete by project admins (each
 * audited with the acting user), what members and strangers get, and what an agent's own token gets on REST.
 */
class AgentsHttpTest {

    @TempDir
    static Path home;
    static IdentityWorld world;
    static Browser admin;
    static Browser viewer;
    static Browser outsider;

    @BeforeAll
    static void setUp() {
        world = IdentityWorld.start(home);
        world.createUser("admin@example.test", false);
        world.createUser("viewer@example.test", false);
        world.createUser("outsider@example.test", false);
        world.addMember("ops", "admin@example.test", "admin");
        world.addMember("ops", "viewer@example.test", "viewer");
        world.createProject("billing");
        world.addMember("billing", "outsider@example.test", "admin");
        admin = world.login("admin@example.test");
        viewer = world.login("viewer@example.test");
        outsider = world.login("outsider@example.test");
    }

    @AfterAll
    static void tearDown() {
        world.close();
    }

    static JsonNode mint(String name) {
        HttpResponse<String> response = admin.post("/api/v1/projects/ops/agents", Json.object("name", name));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    @Test
    void a_project_admin_mints_an_agent_and_sees_its_token_and_frame_secret_exactly_once() {
        HttpResponse<String> response = admin.post("/api/v1/projects/ops/agents", Json.object("name", "web-1"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode minted = Json.parse(response.body());
        assertThat(minted.get("token").asText()).matches("z4j_agent_[A-Za-z0-9_-]{43}");
        assertThat(minted.get("hmac_secret").asText()).matches("[A-Za-z0-9_-]{43}=");
        JsonNode agent = minted.get("agent");
        assertThat(agent.get("name").asText()).isEqualTo("web-1");
        assertThat(agent.get("state").asText()).isEqualTo("unknown");
        assertThat(agent.get("protocol_version").asText()).isEqualTo("0");
        assertThat(agent.get("credential_generation").asLong()).isEqualTo(1);
        assertThat(agent.get("revoked").asBoolean()).isFalse();

        JsonNode listed = find(list(admin), agent.get("id").asText());
        assertThat(listed.get("project_id").asText()).isEqualTo(agent.get("project_id").asText());
        assertThat(listed.has("token")).isFalse();
        assertThat(list(admin).toString()).doesNotContain(minted.get("token").asText(),
                minted.get("hmac_secret").asText());
    }

    @Test
    void a_duplicate_name_in_the_project_is_409_and_a_bad_name_is_422() {
        mint("dup-1");
        HttpResponse<String> duplicate = admin.post("/api/v1/projects/ops/agents", Json.object("name", "dup-1"));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(Json.parse(duplicate.body()).at("/details/reason").asText()).isEqualTo("agent_name_taken");
        assertThat(admin.post("/api/v1/projects/ops/agents", Json.object("name", " ")).statusCode()).isEqualTo(422);
    }

    @Test
    void rotate_keeps_the_row_and_replaces_the_credential_revoke_keeps_the_row_delete_removes_it() {
        JsonNode first = mint("rotating-1");
        String id = first.at("/agent/id").asText();

        HttpResponse<String> rotated = admin.post("/api/v1/projects/ops/agents/" + id + "/rotate", "{}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode second = Json.parse(rotated.body());
        assertThat(second.at("/agent/id").asText()).isEqualTo(id);
        assertThat(second.at("/agent/credential_generation").asLong()).isEqualTo(2);
        assertThat(second.get("token").asText()).isNotEqualTo(first.get("token").asText());
        // a route granted to agents (the gate refuses the others before looking at the token)
        assertThat(agentGet(first.get("token").asText(), "/api/v1/projects/ops/tasks").statusCode()).isEqualTo(401);
        assertThat(agentGet(second.get("token").asText(), "/api/v1/projects/ops/tasks").statusCode()).isEqualTo(200);

        assertThat(admin.post("/api/v1/projects/ops/agents/" + id + "/revoke", "{}").statusCode()).isEqualTo(204);
        assertThat(find(list(admin), id).get("revoked").asBoolean()).isTrue();
        assertThat(agentGet(second.get("token").asText(), "/api/v1/projects/ops/tasks").statusCode()).isEqualTo(401);

        assertThat(admin.delete("/api/v1/projects/ops/agents/" + id).statusCode()).isEqualTo(204);
        assertThat(list(admin).findValuesAsText("id")).doesNotContain(id);
        assertThat(admin.delete("/api/v1/projects/ops/agents/" + id).statusCode()).isEqualTo(404);

        assertThat(auditOf(id)).containsExactly(
                "agent.token.minted by user " + userId(admin),
                "agent.token.rotated by user " + userId(admin),
                "agent.token.revoked by user " + userId(admin),
                "agent.deleted by user " + userId(admin));
    }

    @Test
    void members_list_admins_manage_strangers_see_nothing_and_csrf_is_required() {
        String id = mint("perm-1").at("/agent/id").asText();

        assertThat(viewer.get("/api/v1/projects/ops/agents").statusCode()).isEqualTo(200);
        HttpResponse<String> viewerMint = viewer.post("/api/v1/projects/ops/agents", Json.object("name", "nope"));
        assertThat(viewerMint.statusCode()).isEqualTo(403);
        assertThat(Json.parse(viewerMint.body()).at("/details/need").asText()).isEqualTo("admin");
        assertThat(viewer.post("/api/v1/projects/ops/agents/" + id + "/revoke", "{}").statusCode()).isEqualTo(403);
        assertThat(outsider.get("/api/v1/projects/ops/agents").statusCode()).isEqualTo(404);
        assertThat(outsider.post("/api/v1/projects/ops/agents/" + id + "/revoke", "{}").statusCode()).isEqualTo(404);
        assertThat(outsider.post("/api/v1/projects/billing/agents/" + id + "/revoke", "{}").statusCode())
                .as("an agent of another project is not found").isEqualTo(404);
        assertThat(Http.get(world.port, "/api/v1/projects/ops/agents").statusCode()).isEqualTo(401);
        assertThat(admin.withoutCsrf().post("/api/v1/projects/ops/agents", Json.object("name", "no-csrf")).statusCode())
                .isEqualTo(403);
        assertThat(world.owner.post("/api/v1/projects/ops/agents", Json.object("name", "by-owner")).statusCode())
                .isEqualTo(201);
        assertThat(find(list(admin), id).get("revoked").asBoolean()).isFalse();
    }

    @Test
    void an_agent_token_on_rest_is_the_agent_in_its_own_project_and_gets_none_of_the_operator_routes() {
        String token = mint("rest-1").get("token").asText();

        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("GET /api/v1/projects/ops/agents", 403);
        expected.put("POST /api/v1/projects/ops/agents", 403);
        expected.put("GET /api/v1/projects/ops/memberships", 403);
        expected.put("GET /api/v1/projects/ops", 403);
        expected.put("GET /api/v1/projects/billing/agents", 403);
        expected.put("GET /api/v1/projects/billing", 403);
        expected.put("GET /api/v1/projects", 403);
        expected.put("GET /api/v1/users", 403);
        expected.put("GET /api/v1/health/system", 403);
        expected.put("GET /api/v1/projects/ops/tasks", 200);
        expected.put("GET /api/v1/projects/billing/tasks", 404);
        Map<String, Integer> actual = new java.util.LinkedHashMap<>();
        for (String route : expected.keySet()) {
            String[] parts = route.split(" ");
            actual.put(route, agentCall(token, parts[0], parts[1]).statusCode());
        }
        assertThat(actual).isEqualTo(expected);

        JsonNode refusal = Json.parse(agentCall(token, "POST", "/api/v1/projects/ops/agents").body());
        assertThat(refusal.at("/details/reason").asText()).isEqualTo("agent_not_allowed");
        assertThat(agentGet("z4j_agent_" + "x".repeat(43), "/api/v1/projects/ops/tasks").statusCode()).isEqualTo(401);
    }

    private static JsonNode list(Browser browser) {
        HttpResponse<String> response = browser.get("/api/v1/projects/ops/agents");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static JsonNode find(JsonNode agents, String id) {
        for (JsonNode agent : agents) {
            if (agent.get("id").asText().equals(id)) {
                return agent;
            }
        }
        throw new AssertionError("agent " + id + " not listed in " + agents);
    }

    private static String userId(Browser browser) {
        return Json.parse(browser.get("/api/v1/auth/me").body()).get("id").asText();
    }

    private static HttpResponse<String> agentGet(String token, String path) {
        return agentCall(token, "GET", path);
    }

    private static HttpResponse<String> agentCall(String token, String method, String path) {
        return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.object("name", "from-agent"))).build());
    }

    /** The audit rows about an agent, as the operator's SQL would read them. */
    private static List<String> auditOf(String agentId) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("z4j.db"));
             var query = db.prepareStatement("SELECT action, actor_type, actor_id FROM audit_log "
                     + "WHERE target_type = 'agent' AND target_id = ? ORDER BY seq")) {
            query.setString(1, agentId);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " by " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
