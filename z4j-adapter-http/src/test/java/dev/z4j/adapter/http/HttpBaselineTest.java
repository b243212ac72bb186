package dev.z4j.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.http.support.BrainPhase;
import dev.z4j.adapter.http.system.MetricsToken;
import dev.z4j.ports.system.DatabaseProbe;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.StorageFullException;
import dev.z4j.ports.system.SystemHealth;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP baseline on a real Javalin: error envelope, request ids, security headers, readiness. */
class HttpBaselineTest {

    private final AtomicReference<SystemHealth.Readiness> readiness = new AtomicReference<>(SystemHealth.Readiness.ok());
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpApi api;
    private Javalin javalin;

    @BeforeEach
    void start() {
        SystemHealth health = new SystemHealth() {
            @Override
            public Readiness readiness() {
                return readiness.get();
            }

            @Override
            public List<CheckResult> check() {
                return List.of();
            }

            @Override
            public StatusReport status() {
                return new StatusReport("test", "dev", new DatabaseProbe.DatabaseDescription(
                        DatabaseProbe.Kind.SQLITE, "x", Optional.empty(), Optional.empty(), "SQLite"),
                        Optional.of("1"), List.of(), Map.of(), OptionalLong.empty(), Optional.empty(), List.of());
            }

            @Override
            public List<String> advice() {
                return List.of();
            }
        };
        api = new HttpApi(new HttpSettings(Set.of("localhost", "127.0.0.1"), List.of(), 4096, 0, false,
                "http://localhost", Set.of(), MetricsToken.none()), health,
                UnusedPorts.unused(dev.z4j.ports.audit.AuditTrail.class), UnusedPorts.identity(),
                UnusedPorts.unused(dev.z4j.ports.agents.AgentCredentials.class),
                UnusedPorts.unused(dev.z4j.ports.ingest.TaskQueries.class),
                UnusedPorts.unused(dev.z4j.ports.commands.Commands.class),
                UnusedPorts.unused(dev.z4j.ports.schedules.Schedules.class), List::of);
        javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            api.configure(cfg);
            cfg.routes.get("/api/v1/boom", ctx -> {
                throw new IllegalStateException("database password is hunter2");
            });
            cfg.routes.get("/page-boom", ctx -> {
                throw new IllegalStateException("database password is hunter2");
            });
            cfg.routes.post("/api/v1/echo", ctx -> ctx.result(ctx.body()));
            cfg.routes.post("/api/v1/write-on-full-disk", ctx -> {
                throw new StorageFullException("the disk holding /srv/z4j/z4j.db is full (...)", null);
            });
            cfg.routes.get("/api/v1/database-gone", ctx -> {
                throw new DatabaseUnavailableException("connection refused by PostgreSQL at db:5432");
            });
        }).start("127.0.0.1", 0);
        api.enterPhase(BrainPhase.SERVING);
    }

    @AfterEach
    void stop() {
        javalin.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + path));
    }

    @Test
    void an_unknown_route_is_a_404_envelope_with_the_request_id() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/nope"));
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(id).matches("req_[0-9a-f]{16}");
        assertThat(response.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"no such route\",\"request_id\":\""
                + id + "\",\"details\":{}}");
    }

    @Test
    void outside_the_api_errors_are_pages_and_a_missing_session_leads_to_the_sign_in_page() throws Exception {
        HttpResponse<String> missing = send(request("/nope"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("<h1>Not found</h1>");

        HttpResponse<String> boom = send(request("/page-boom"));
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).contains("Something went wrong").contains(boom.headers().firstValue("X-Request-Id")
                .orElseThrow()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
    }

    @Test
    void a_wrong_method_is_a_405_envelope() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/health").DELETE());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("\"error\":\"method_not_allowed\"");
    }

    @Test
    void a_body_over_the_limit_is_a_413_envelope_and_never_reaches_the_route() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/echo").POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"payload_too_large\"").contains("\"max_bytes\":4096");
        assertThat(send(request("/api/v1/echo").POST(HttpRequest.BodyPublishers.ofString("small"))).body()).isEqualTo("small");
    }

    @Test
    void an_unexpected_exception_is_a_500_envelope_that_reveals_nothing() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/boom"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"error\":\"internal_error\"")
                .contains("the brain encountered an unexpected error")
                .doesNotContain("hunter2").doesNotContain("IllegalStateException");
    }

    @Test
    void a_full_disk_is_a_503_storage_full_and_a_lost_database_a_503_database_unavailable() throws Exception {
        HttpResponse<String> full = send(request("/api/v1/write-on-full-disk").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(full.statusCode()).isEqualTo(503);
        assertThat(full.body()).contains("\"error\":\"storage_full\"")
                .contains("writes are refused until an operator frees space; reads keep working")
                .doesNotContain("/srv/z4j");
        HttpResponse<String> gone = send(request("/api/v1/database-gone"));
        assertThat(gone.statusCode()).isEqualTo(503);
        assertThat(gone.body()).contains("\"error\":\"database_unavailable\"").doesNotContain("db:5432");
    }

    @Test
    void a_well_formed_inbound_request_id_is_kept_and_a_malformed_one_replaced() throws Exception {
        assertThat(send(request("/api/v1/health").header("X-Request-Id", "trace-42")).headers()
                .firstValue("X-Request-Id")).contains("trace-42");
        assertThat(send(request("/api/v1/health").header("X-Request-Id", "x".repeat(65))).headers()
                .firstValue("X-Request-Id").orElseThrow()).startsWith("req_");
    }

    @Test
    void security_headers_are_on_every_response() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/health"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(send(request("/nope")).headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void readiness_answers_503_with_the_reason_until_serving_and_while_not_ready() throws Exception {
        assertThat(send(request("/api/v1/health/ready")).body()).isEqualTo("{\"status\":\"ready\"}");
        readiness.set(new SystemHealth.Readiness(false, "schema_pending"));
        HttpResponse<String> pending = send(request("/api/v1/health/ready"));
        assertThat(pending.statusCode()).isEqualTo(503);
        assertThat(pending.body()).contains("\"error\":\"schema_pending\"").contains("run `z4j migrate`");
        api.enterPhase(BrainPhase.STOPPING);
        assertThat(send(request("/api/v1/health/ready")).body()).contains("\"error\":\"stopping\"");
        assertThat(send(request("/api/v1/health")).statusCode()).isEqualTo(200);
    }
}
