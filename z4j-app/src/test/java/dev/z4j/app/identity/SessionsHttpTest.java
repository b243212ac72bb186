package dev.z4j.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import dev.z4j.app.testing.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, cookies, CSRF, lifetimes and throttling over HTTP on a real brain. */
class SessionsHttpTest {

    private static final String PASSWORD = IdentityWorld.PASSWORD;

    @TempDir
    Path home;

    private static JsonNode withoutRequestId(String body) {
        ObjectNode node = (ObjectNode) Json.parse(body);
        node.remove("request_id");
        return node;
    }

    private static HttpResponse<String> login(Browser browser, String email, String password) {
        return browser.post("/api/v1/auth/login", Json.object("email", email, "password", password));
    }

    @Test
    void dev_mode_cookies_are_z4j_session_httponly_lax_and_z4j_csrf_readable_strict_without_secure() {
        try (IdentityWorld world = IdentityWorld.start(home)) {
            HttpResponse<String> response = login(new Browser(world.port), IdentityWorld.OWNER_EMAIL, PASSWORD);
            assertThat(response.statusCode()).isEqualTo(200);
            List<String> cookies = Browser.setCookies(response);
            String session = cookies.stream().filter(c -> c.startsWith("z4j_session=")).findFirst().orElseThrow();
            String csrf = cookies.stream().filter(c -> c.startsWith("z4j_csrf=")).findFirst().orElseThrow();
            assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                    .containsIgnoringCase("Path=/").doesNotContainIgnoringCase("Secure")
                    .containsPattern("(?i)Max-Age=60(47|48)\\d\\d");
            assertThat(csrf).doesNotContainIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
            JsonNode user = Json.parse(response.body()).get("user");
            assertThat(user.get("email").asText()).isEqualTo(IdentityWorld.OWNER_EMAIL);
            assertThat(user.get("is_owner").asBoolean()).isTrue();
            assertThat(response.body()).doesNotContain("password_hash").doesNotContain("$argon2");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void production_mode_cookies_are_host_prefixed_and_secure() {
        try (IdentityWorld world = IdentityWorld.start(home, Map.of("Z4J_ENVIRONMENT", "production",
                "Z4J_PUBLIC_URL", "https://z4j.example.test", "Z4J_ALLOWED_HOSTS", "[\"z4j.example.test\"]"))) {
            HttpResponse<String> response = login(new Browser(world.port), IdentityWorld.OWNER_EMAIL, PASSWORD);
            List<String> cookies = Browser.setCookies(response);
            String session = cookies.stream().filter(c -> c.startsWith("__Host-z4j_session=")).findFirst().orElseThrow();
            String csrf = cookies.stream().filter(c -> c.startsWith("z4j_csrf=")).findFirst().orElseThrow();
            assertThat(session).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax").containsIgnoringCase("Path=/")
                    .doesNotContainIgnoringCase("Domain=");
            assertThat(csrf).containsIgnoringCase("Secure");
            assertThat(cookies).noneMatch(c -> c.startsWith("z4j_session="));
            assertThat(world.owner.cookie("__Host-z4j_session")).as("setup signed the owner in").isPresent();
            assertThat(world.owner.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknown_email_wrong_password_and_deactivated_user_get_byte_identical_401s() {
        try (IdentityWorld world = IdentityWorld.start(home)) {
            String id = world.createUser("gone@example.test", false);
            world.owner.patch("/api/v1/users/" + id, Json.object("is_active", false));
            HttpResponse<String> unknown = login(new Browser(world.port), "nobody@example.test", PASSWORD);
            HttpResponse<String> wrong = login(new Browser(world.port), IdentityWorld.OWNER_EMAIL, "not-the-password");
            HttpResponse<String> inactive = login(new Browser(world.port), "gone@example.test", PASSWORD);
            assertThat(List.of(unknown.statusCode(), wrong.statusCode(), inactive.statusCode()))
                    .containsOnly(401);
            assertThat(withoutRequestId(wrong.body())).isEqualTo(withoutRequestId(unknown.body()))
                    .isEqualTo(withoutRequestId(inactive.body()));
            assertThat(Json.parse(unknown.body()).get("message").asText()).isEqualTo("invalid_credentials");
            assertThat(Browser.setCookies(unknown)).isEmpty();
        }
    }

    @Test
    void csrf_missing_or_wrong_is_403_and_right_is_accepted_on_every_unsafe_route() {
        try (IdentityWorld world = IdentityWorld.start(home)) {
            Browser owner = world.login(IdentityWorld.OWNER_EMAIL);
            String csrf = owner.cookie("z4j_csrf").orElseThrow();
            for (String[] route : new String[][] {
                    {"POST", "/api/v1/auth/logout", null},
                    {"POST", "/api/v1/auth/change-password", Json.object("current_password", PASSWORD,
                            "new_password", PASSWORD)},
                    {"POST", "/api/v1/users", Json.object("email", "x@example.test", "password", PASSWORD)},
                    {"PATCH", "/api/v1/projects/ops", Json.object("name", "Ops!")},
                    {"DELETE", "/api/v1/projects/ops/memberships/00000000-0000-0000-0000-000000000000", null}}) {
                HttpResponse<String> missing = owner.withoutCsrf().send(route[0], route[1], route[2],
                        "application/json");
                HttpResponse<String> wrong = owner.withCsrf(csrf.substring(1) + "x").send(route[0], route[1],
                        route[2], "application/json");
                assertThat(missing.statusCode()).as(route[1]).isEqualTo(403);
                assertThat(Json.parse(missing.body()).get("error").asText()).isEqualTo("csrf_failed");
                assertThat(Json.parse(missing.body()).at("/details/reason").asText()).isEqualTo("csrf_missing");
                assertThat(wrong.statusCode()).as(route[1]).isEqualTo(403);
                assertThat(Json.parse(wrong.body()).at("/details/reason").asText()).isEqualTo("csrf_mismatch");
            }
            assertThat(owner.get("/api/v1/auth/me").statusCode()).as("nothing above signed the owner out")
                    .isEqualTo(200);
            assertThat(owner.patch("/api/v1/projects/ops", Json.object("name", "Ops!")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void after_the_lockout_threshold_an_account_gets_429_with_retry_after_even_with_the_right_password() {
        try (IdentityWorld world = IdentityWorld.start(home, Map.of("Z4J_LOGIN_LOCKOUT_THRESHOLD", "3",
                "Z4J_LOGIN_LOCKOUT_SECONDS", "600"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(login(new Browser(world.port), IdentityWorld.OWNER_EMAIL, "wrong-" + i).statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> locked = login(new Browser(world.port), IdentityWorld.OWNER_EMAIL, PASSWORD);
            assertThat(locked.statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(locked.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(590, 600);
            JsonNode body = Json.parse(locked.body());
            assertThat(body.get("error").asText()).isEqualTo("rate_limited");
            assertThat(body.at("/details/retry_after_seconds").asInt()).isBetween(590, 600);

            for (int i = 0; i < 3; i++) {
                login(new Browser(world.port), "nobody@example.test", "wrong-" + i);
            }
            assertThat(login(new Browser(world.port), "nobody@example.test", PASSWORD).statusCode())
                    .as("an unknown email locks the same way").isEqualTo(429);
            assertThat(world.owner.get("/api/v1/auth/me").statusCode()).as("open sessions keep working")
                    .isEqualTo(200);
        }
    }

    @Test
    void one_address_failing_on_many_accounts_is_throttled_per_ip() {
        try (IdentityWorld world = IdentityWorld.start(home, Map.of("Z4J_LOGIN_LOCKOUT_THRESHOLD", "2"))) {
            for (int i = 0; i < 10; i++) {
                assertThat(login(new Browser(world.port), "user" + i + "@example.test", "wrong").statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> blocked = login(new Browser(world.port), IdentityWorld.OWNER_EMAIL, PASSWORD);
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void sessions_die_when_idle_for_the_timeout_and_after_the_absolute_lifetime_and_reads_keep_them_alive() {
        TestClock clock = new TestClock();
        try (IdentityWorld world = IdentityWorld.start(home, Map.of(), clock)) {
            Browser reader = world.login(IdentityWorld.OWNER_EMAIL);
            Browser idle = world.login(IdentityWorld.OWNER_EMAIL);
            for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofMinutes(20));
                assertThat(reader.get("/api/v1/auth/me").statusCode()).as("GETs refresh the idle timer").isEqualTo(200);
            }
            assertThat(idle.get("/api/v1/auth/me").statusCode()).as("idle 80 minutes").isEqualTo(401);
            for (int i = 0; i < 7 * 24 * 3; i++) {
                clock.advance(Duration.ofMinutes(20));
                if (reader.get("/api/v1/auth/me").statusCode() != 200) {
                    break;
                }
            }
            assertThat(reader.get("/api/v1/auth/me").statusCode()).as("past 7 days").isEqualTo(401);
        }
    }

    @Test
    void changing_the_password_kills_other_sessions_and_keeps_the_caller_signed_in_with_new_cookies() {
        try (IdentityWorld world = IdentityWorld.start(home)) {
            Browser laptop = world.login(IdentityWorld.OWNER_EMAIL);
            Browser phone = world.login(IdentityWorld.OWNER_EMAIL);
            HttpResponse<String> changed = laptop.post("/api/v1/auth/change-password",
                    Json.object("current_password", PASSWORD, "new_password", "amber-glacier-compass-4"));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(laptop.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
            assertThat(phone.get("/api/v1/auth/me").statusCode()).isEqualTo(401);
            HttpResponse<String> weak = laptop.post("/api/v1/auth/change-password",
                    Json.object("current_password", "amber-glacier-compass-4", "new_password", "password2024!"));
            assertThat(weak.statusCode()).isEqualTo(422);
            assertThat(Json.parse(weak.body()).at("/details/rule").asText()).isEqualTo("password_too_common");
        }
    }

    @Test
    void logout_revokes_the_session_and_clears_the_cookies() {
        try (IdentityWorld world = IdentityWorld.start(home)) {
            Browser first = world.login(IdentityWorld.OWNER_EMAIL);
            Browser second = world.login(IdentityWorld.OWNER_EMAIL);
            Browser stolenCopy = first.copy();
            JsonNode sessions = Json.parse(second.get("/api/v1/auth/sessions").body());
            assertThat(sessions.size()).as("the setup session and two sign-ins").isEqualTo(3);
            assertThat(sessions.findValuesAsText("is_current")).containsExactlyInAnyOrder("true", "false", "false");
            assertThat(sessions.get(0).has("ip_at_issue") && sessions.get(0).has("last_seen_at")).isTrue();
            HttpResponse<String> out = first.post("/api/v1/auth/logout", null);
            assertThat(out.statusCode()).isEqualTo(204);
            assertThat(Browser.setCookies(out)).anyMatch(c -> c.startsWith("z4j_session=;")
                    && c.contains("Expires=Thu, 01 Jan 1970"));
            assertThat(stolenCopy.get("/api/v1/auth/me").statusCode()).as("the server forgot the session")
                    .isEqualTo(401);
            assertThat(second.get("/api/v1/auth/me").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_system_health_shows_versions_database_schema_and_the_audit_chain_to_signed_in_users() {
        try (IdentityWorld world = IdentityWorld.start(home)) {
            HttpResponse<String> response = world.owner.get("/api/v1/health/system");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode system = Json.parse(response.body());
            assertThat(system.get("z4j_version").asText()).isNotBlank();
            assertThat(system.get("java_version").asText()).startsWith("17");
            assertThat(system.get("database_type").asText()).isEqualTo("sqlite");
            assertThat(system.get("schema_version").asText()).isNotBlank();
            assertThat(system.get("pending_migrations").size()).isZero();
            assertThat(system.at("/audit_chain/head_seq").asLong()).as("setup was audited").isPositive();
            assertThat(system.at("/audit_chain/outcome").asText()).isNotBlank();
            assertThat(system.get("agents_online").isNull()).isTrue();
            assertThat(new Browser(world.port).get("/api/v1/health/system").statusCode()).isEqualTo(401);
        }
    }
}
