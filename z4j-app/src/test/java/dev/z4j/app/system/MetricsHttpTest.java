package dev.z4j.app.system;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import dev.z4j.ports.testing.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} on a real brain: bearer only, and figures that follow what the brain does. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsHttpTest {

    private static final String TOKEN = "metrics-token-for-tests-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path home;
    static IdentityWorld world;

    @BeforeAll
    static void start() {
        world = IdentityWorld.start(home, Map.of("Z4J_METRICS_AUTH_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static HttpResponse<String> metrics(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.port + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request.build());
    }

    static String scrape() {
        HttpResponse<String> response = metrics("Bearer " + TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    @Order(1)
    void without_the_bearer_token_nothing_is_shown() {
        HttpResponse<String> missing = metrics(null);
        HttpResponse<String> basic = metrics("Basic " + TOKEN);
        HttpResponse<String> wrong = metrics("Bearer " + TOKEN + "x");

        assertThat(List.of(missing, basic, wrong)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(response.body()).doesNotContain("z4j_", TOKEN);
        });
        assertThat(Json.parse(missing.body()).get("error").asText()).isEqualTo("authorization_required");
        assertThat(Json.parse(wrong.body()).get("error").asText()).isEqualTo("invalid_token");
        assertThat(metrics("bearer " + TOKEN).statusCode()).as("the scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    @Order(2)
    void the_scrape_is_prometheus_text_with_request_latencies_by_route() {
        assertThat(Http.statusOf(world.port, "/api/v1/health")).isEqualTo(200);

        HttpResponse<String> response = metrics("Bearer " + TOKEN);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE z4j_http_request_duration_seconds histogram\n")
                .containsPattern("z4j_http_request_duration_seconds_count\\{method=\"GET\",route=\"/api/v1/health\","
                        + "status=\"200\"} [1-9]")
                .containsPattern("z4j_http_request_duration_seconds_bucket\\{le=\"\\+Inf\",method=\"GET\","
                        + "route=\"/api/v1/health\",status=\"200\"} [1-9]");
    }

    @Test
    @Order(3)
    void ingested_events_and_agents_online_are_counted() throws Exception {
        HttpResponse<String> minted = world.owner.post("/api/v1/projects/ops/agents", Json.object("name", "counted"));
        JsonNode agentJson = Json.parse(minted.body());
        long before = counter(scrape(), "z4j_events_ingested_total");
        try (TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + world.port),
                agentJson.get("token").asText()).withHmacSecret(agentJson.get("hmac_secret").asText())) {
            agent.hello();
            agent.sendEventBatch(List.of(taskEvent("task.received", "m-1"), taskEvent("task.started", "m-1"),
                    taskEvent("task.succeeded", "m-1")));
            agent.awaitFrame("event_batch_ack", WAIT);

            String scrape = scrape();
            assertThat(counter(scrape, "z4j_events_ingested_total")).isEqualTo(before + 3);
            assertThat(counter(scrape, "z4j_event_batches_committed_total")).isPositive();
            Await.until("the agent counts as online", WAIT, () -> counter(scrape(), "z4j_agents_online") >= 1);
        }
    }

    @Test
    @Order(4)
    void the_audit_chain_gauge_follows_the_last_verification() throws SQLException {
        assertThat(world.owner.post("/api/v1/audit/verify", "{}").statusCode()).isEqualTo(200);
        assertThat(counter(scrape(), "z4j_audit_chain_ok")).isEqualTo(1);
        assertThat(counter(scrape(), "z4j_audit_last_verified_timestamp_seconds")).isPositive();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("z4j.db"));
             Statement sql = db.createStatement()) {
            sql.execute("PRAGMA busy_timeout = 10000");
            sql.execute("DROP TRIGGER IF EXISTS audit_log_no_update");
            sql.execute("UPDATE audit_log SET action = 'membership.revoked' WHERE seq = 2");
        }
        world.owner.post("/api/v1/audit/verify", "{}");

        assertThat(counter(scrape(), "z4j_audit_chain_ok")).isZero();
    }

    /** The value of an unlabelled sample. */
    static long counter(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Long.parseLong(line.substring(name.length() + 1)))
                .orElseThrow(() -> new AssertionError(name + " is not in the scrape:\n" + scrape));
    }
}
