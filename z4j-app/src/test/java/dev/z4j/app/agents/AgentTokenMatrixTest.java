package dev.z4j.app.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent-token column of the authorization matrix, over <em>every</em> route the brain serves (read from
 * {@code Z4jBrain.routes()}, so a new route is covered the day it is added): an agent token reaches only SPEC §5's
 * grants (its own project's tasks, schedules and engine state); everything else (other projects, minting, users,
 * memberships, projects, the audit log, the pages, even sign-in) is refused at the door with 403, before any
 * validation, so a route added later is closed to agents until it is granted on purpose.
 */
class AgentTokenMatrixTest {

    /** The agents' own transport: signed frames, covered by the gateway's tests. */
    static final Set<String> TRANSPORT = Set.of("GET /api/v1/agent/commands", "POST /api/v1/agent/events");

    /** SPEC §5: what an agent token may do (in its own project), and the health checks. */
    static final Set<String> AGENT_GRANTS = Set.of("GET /api/v1/health", "GET /api/v1/health/ready",
            "GET /api/v1/projects/{slug}/commands", "GET /api/v1/projects/{slug}/commands/{id}",
            "POST /api/v1/projects/{slug}/commands/retry-task", "POST /api/v1/projects/{slug}/commands/cancel-task",
            "POST /api/v1/projects/{slug}/commands/bulk-retry",
            "GET /api/v1/projects/{slug}/schedules", "GET /api/v1/projects/{slug}/schedules/{id}",
            "POST /api/v1/projects/{slug}/schedules/{id}/enable", "POST /api/v1/projects/{slug}/schedules/{id}/disable",
            "POST /api/v1/projects/{slug}/schedules/{id}/trigger");

    @TempDir
    static Path home;
    static IdentityWorld world;
    static String token;
    static String hmacSecret;

    @BeforeAll
    static void start() {
        world = IdentityWorld.start(home);
        world.createProject("billing");
        HttpResponse<String> minted = world.owner.post("/api/v1/projects/ops/agents", Json.object("name", "matrix"));
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        token = Json.parse(minted.body()).get("token").asText();
        hmacSecret = Json.parse(minted.body()).get("hmac_secret").asText();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static Stream<String> routes() {
        return world.brain.routes().stream()
                .filter(route -> route.matches("(GET|POST|PUT|PATCH|DELETE) .*"))
                .filter(route -> !TRANSPORT.contains(route))
                .distinct();
    }

    @Test
    void the_brain_lists_its_routes() {
        assertThat(world.brain.routes()).contains("GET /api/v1/projects/{slug}/agents", "GET /api/v1/audit",
                "POST /api/v1/agent/events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void an_agent_token_gets_only_its_grants(String route) {
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);

        HttpResponse<String> own = call(method, template, "ops");
        HttpResponse<String> other = call(method, template, "billing");

        if (AGENT_GRANTS.contains(route)) {
            assertThat(own.statusCode()).as(own.body()).isNotIn(401, 403);
            if (own.statusCode() == 404) {
                assertThat(Json.parse(own.body()).get("details").get("reason").asText())
                        .as("only the made-up id is unknown, not the agent's own project").endsWith("_not_found")
                        .isNotEqualTo("project_not_found");
            }
            if (template.contains("{slug}")) {
                assertThat(other.statusCode()).as("another project is unknown to the agent").isEqualTo(404);
            }
        } else {
            assertThat(List.of(own, other)).allSatisfy(response -> {
                assertThat(response.statusCode()).as(route + ": " + response.body()).isEqualTo(403);
                if (template.startsWith("/api/")) {
                    assertThat(Json.parse(response.body()).get("details").get("reason").asText())
                            .isEqualTo("agent_not_allowed");
                }
            });
        }
    }

    static HttpResponse<String> call(String method, String template, String slug) {
        String path = template.replace("{slug}", slug).replaceAll("\\{[a-z_]*id}", UUID.randomUUID().toString())
                .replaceAll("\\{[a-z_]+}", "x");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        return Http.send(request.build());
    }

    /** The token used here is live: the refusals are the policy's, not a bad credential's. */
    @Test
    void the_token_is_a_live_agent_credential() throws Exception {
        try (TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + world.port), token)
                .withHmacSecret(hmacSecret)) {
            assertThat(agent.hello().type()).isEqualTo("hello_ack");
        }
    }
}
