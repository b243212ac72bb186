package dev.z4j.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.app.Z4jBrain;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import dev.z4j.app.testing.TestClock;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-boot setup through the page, the form and the JSON API on a real brain. */
class SetupHttpTest {

    private static final String PASSWORD = IdentityWorld.PASSWORD;

    @TempDir
    Path home;

    private static String tokenOf(Z4jBrain brain) {
        return brain.setupInvitation().orElseThrow().url().replaceFirst(".*token=", "");
    }

    private static String form(String... keysAndValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.append(out.length() == 0 ? "" : "&").append(keysAndValues[i]).append('=')
                    .append(URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void the_page_is_a_plain_form_under_a_strict_policy_and_completing_it_signs_the_owner_in() {
        try (Z4jBrain brain = IdentityWorld.brain(home, Map.of(), Clock.systemUTC()).start()) {
            Browser browser = new Browser(brain.port());
            assertThat(Json.parse(browser.get("/api/v1/setup/status").body()).get("first_boot").asBoolean()).isTrue();
            String token = tokenOf(brain);
            HttpResponse<String> page = browser.get("/setup?token=" + token);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                    "form-action 'self'").doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.body()).contains("<form method=\"post\" action=\"/setup\"", "name=\"password\"",
                    "value=\"" + token + "\"").doesNotContain("<script").doesNotContain("style=");
            assertThat(browser.get("/assets/z4j.css").statusCode()).isEqualTo(200);

            HttpResponse<String> weak = browser.postForm("/setup", form("token", token, "email",
                    "founder@example.test", "display_name", "Fran", "password", "password2026!", "project_name", "Ops"));
            assertThat(weak.statusCode()).isEqualTo(422);
            assertThat(weak.body()).contains("too common").contains("founder@example.test")
                    .doesNotContain("password2026!");

            HttpResponse<String> done = browser.postForm("/setup", form("token", token, "email",
                    "Founder@Example.test", "display_name", "Fran", "password", PASSWORD, "project_name", "Ops Team"));
            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(done.headers().firstValue("Location")).contains("/");
            HttpResponse<String> entry = browser.get("/");
            assertThat(entry.headers().firstValue("Location")).contains("/projects/ops-team");
            assertThat(browser.get("/projects/ops-team").body()).contains("<h1>Ops Team</h1>", "Fran",
                    "your role: <strong>admin</strong>");

            HttpResponse<String> reused = new Browser(brain.port()).get("/setup?token=" + token);
            assertThat(reused.statusCode()).isEqualTo(409);
            assertThat(reused.body()).contains("already set up");
            assertThat(new Browser(brain.port()).get("/api/v1/setup/status").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void a_wrong_or_expired_link_is_a_clear_page_and_a_4xx_never_a_crash() {
        TestClock clock = new TestClock();
        try (Z4jBrain brain = IdentityWorld.brain(home, Map.of(), clock).start()) {
            Browser browser = new Browser(brain.port());
            HttpResponse<String> wrong = browser.get("/setup?token=not-the-token");
            assertThat(wrong.statusCode()).isEqualTo(404);
            assertThat(wrong.body()).contains("This setup link is not valid", "z4j reset-setup");
            assertThat(browser.get("/setup").statusCode()).as("no token at all").isEqualTo(404);
            HttpResponse<String> api = browser.post("/api/v1/setup/complete", Json.object("token", "nope",
                    "email", "a@example.test", "password", PASSWORD));
            assertThat(api.statusCode()).isEqualTo(404);
            assertThat(Json.parse(api.body()).at("/details/reason").asText()).isEqualTo("invalid_token");

            clock.advance(Duration.ofMinutes(15));
            String token = tokenOf(brain);
            HttpResponse<String> expired = browser.get("/setup?token=" + token);
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("This setup link has expired");
            HttpResponse<String> expiredApi = browser.post("/api/v1/setup/complete", Json.object("token", token,
                    "email", "a@example.test", "password", PASSWORD));
            assertThat(expiredApi.statusCode()).isEqualTo(410);
            assertThat(Json.parse(expiredApi.body()).at("/details/reason").asText()).isEqualTo("expired");
        }
    }

    @Test
    void of_two_concurrent_completions_exactly_one_wins() throws Exception {
        try (Z4jBrain brain = IdentityWorld.brain(home, Map.of(), Clock.systemUTC()).start()) {
            String token = tokenOf(brain);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> results = List.of(0, 1).stream().map(i -> pool.submit(() -> {
                    go.await();
                    return new Browser(brain.port()).post("/api/v1/setup/complete", Json.object("token", token,
                            "email", "racer" + i + "@example.test", "password", PASSWORD)).statusCode();
                })).toList();
                go.countDown();
                List<Integer> statuses = List.of(results.get(0).get(), results.get(1).get());
                assertThat(statuses).containsOnlyOnce(200);
                assertThat(statuses).anyMatch(s -> s == 409 || s == 404);
            } finally {
                pool.shutdownNow();
            }
            Browser owner = new Browser(brain.port());
            int signedIn = 0;
            for (int i = 0; i < 2; i++) {
                signedIn += owner.post("/api/v1/auth/login", Json.object("email", "racer" + i + "@example.test",
                        "password", PASSWORD)).statusCode() == 200 ? 1 : 0;
            }
            assertThat(signedIn).as("exactly one owner was created").isEqualTo(1);
        }
    }

    @Test
    void the_headless_bootstrap_creates_the_owner_from_the_environment_and_mints_no_setup_link() {
        try (Z4jBrain brain = IdentityWorld.brain(home, Map.of("Z4J_BOOTSTRAP_ADMIN_EMAIL", "ops@example.test",
                "Z4J_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD), Clock.systemUTC()).start()) {
            assertThat(brain.setupInvitation()).isEmpty();
            Browser browser = new Browser(brain.port());
            HttpResponse<String> login = browser.post("/api/v1/auth/login",
                    Json.object("email", "ops@example.test", "password", PASSWORD));
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(Json.parse(browser.get("/api/v1/auth/me").body()).findValuesAsText("project_slug"))
                    .containsExactly("default");
        }
    }

    @Test
    void a_bootstrap_password_that_breaks_the_policy_stops_the_start_naming_the_variable() {
        assertThatThrownBy(() -> IdentityWorld.brain(home, Map.of("Z4J_BOOTSTRAP_ADMIN_EMAIL", "ops@example.test",
                "Z4J_BOOTSTRAP_ADMIN_PASSWORD", "short"), Clock.systemUTC()).start())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Z4J_BOOTSTRAP_ADMIN_PASSWORD: password must be at least 12 characters");
        assertThatThrownBy(() -> IdentityWorld.brain(home, Map.of("Z4J_BOOTSTRAP_ADMIN_EMAIL", "ops@example.test"),
                Clock.systemUTC()).start())
                .isInstanceOf(ConfigException.class).hasMessageContaining("set both");
    }
}
