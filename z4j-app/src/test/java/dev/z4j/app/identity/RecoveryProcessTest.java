package dev.z4j.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Json;
import dev.z4j.app.testing.Z4jProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's "Lost last admin" stories, end to end through the real {@code z4j} process and HTTP: forgot password,
 * last owner deleted from the database, lost email; plus the exit codes of the recovery commands.
 */
class RecoveryProcessTest {

    private static final String PASSWORD = "violet-harbour-lantern-7";
    private static final String NEW_PASSWORD = "amber-glacier-compass-4";
    private static final Pattern SETUP_URL = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]{43})");

    @TempDir
    Path tmp;

    Path home;
    int port;
    Z4jProcess z4j;

    @BeforeEach
    void prepare() {
        home = tmp.resolve("home");
        port = Z4jProcess.freePort();
        z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port));
    }

    private Z4jProcess.Running serve() {
        Z4jProcess.Running serve = z4j.start("serve");
        Z4jProcess.await("the brain answers", Duration.ofSeconds(60),
                () -> Http.statusOf(port, "/api/v1/health/ready") == 200 || !serve.isAlive());
        assertThat(serve.isAlive()).as(serve.stderr()).isTrue();
        return serve;
    }

    /** Completes the first-boot setup through the URL the brain printed; returns the signed-in browser. */
    private Browser setUp(Z4jProcess.Running serve, String email) {
        Matcher m = SETUP_URL.matcher(serve.stderr());
        assertThat(m.find()).as(serve.stderr()).isTrue();
        Browser browser = new Browser(port);
        HttpResponse<String> done = browser.post("/api/v1/setup/complete", Json.object("token", m.group(1),
                "email", email, "display_name", "First Owner", "password", PASSWORD, "project_name", "Ops"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        return browser;
    }

    private Browser login(String email, String password, int expectedStatus) {
        Browser browser = new Browser(port);
        HttpResponse<String> response = browser.post("/api/v1/auth/login",
                Json.object("email", email, "password", password));
        assertThat(response.statusCode()).as(email + ": " + response.body()).isEqualTo(expectedStatus);
        return browser;
    }

    private List<String> cliAuditRows() {
        Z4jProcess.Result search = z4j.run("audit", "search", "--actor", "cli", "--json");
        assertThat(search.exitCode()).as(search.toString()).isZero();
        return search.stdout().lines().toList();
    }

    private void assertChainVerifies() {
        Z4jProcess.Result verify = z4j.run("audit", "verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).startsWith("z4j audit verify: OK (walked ").contains("chain intact");
    }

    @Test
    void forgot_password_changepassword_ends_the_open_session_and_the_new_password_works() {
        try (Z4jProcess.Running serve = serve()) {
            Browser before = setUp(serve, "owner@example.test");
            assertThat(before.get("/api/v1/auth/me").statusCode()).isEqualTo(200);

            Z4jProcess.Result changed = z4j.stdin(NEW_PASSWORD + "\n").run("changepassword", "OWNER@example.test",
                    "--password-stdin");
            assertThat(changed.exitCode()).as(changed.toString()).isZero();
            assertThat(changed.stdout()).contains("password changed for owner@example.test");

            assertThat(before.get("/api/v1/auth/me").statusCode()).as("the session open before the change")
                    .isEqualTo(401);
            login("owner@example.test", PASSWORD, 401);
            assertThat(login("owner@example.test", NEW_PASSWORD, 200).get("/api/v1/auth/me").statusCode())
                    .isEqualTo(200);

            assertThat(cliAuditRows()).anySatisfy(row -> assertThat(row)
                    .contains("\"action\":\"user.password_set\"", "\"actor_type\":\"cli\"", "owner@example.test"));
            assertChainVerifies();
        }
    }

    @Test
    void last_owner_deleted_from_the_database_createsuperuser_restores_access_and_keeps_everything_else() throws Exception {
        try (Z4jProcess.Running serve = serve()) {
            setUp(serve, "owner@example.test");
            serve.terminate();
            assertThat(serve.await(Duration.ofSeconds(30)).exitCode()).isZero();
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("z4j.db"));
             Statement sql = db.createStatement()) {
            assertThat(sql.executeUpdate("DELETE FROM users WHERE email = 'owner@example.test'")).isEqualTo(1);
        }

        Z4jProcess.Result created = z4j.stdin(NEW_PASSWORD + "\n").run("createsuperuser", "--email",
                "admin@example.test", "--display-name", "You", "--password-stdin");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.stdout()).contains("created owner admin@example.test");

        try (Z4jProcess.Running serve = serve()) {
            assertThat(serve.stderr()).as("an owner exists again: no setup link").doesNotContain("/setup?token=");
            Browser admin = login("admin@example.test", NEW_PASSWORD, 200);
            assertThat(Json.parse(admin.get("/api/v1/projects").body()).findValuesAsText("slug"))
                    .as("existing projects are untouched").containsExactly("ops");
            assertThat(Json.parse(admin.get("/api/v1/auth/me").body()).get("is_owner").asBoolean()).isTrue();
        }
        assertThat(cliAuditRows()).anySatisfy(row -> assertThat(row)
                .contains("\"action\":\"user.created\"", "\"actor_type\":\"cli\"", "admin@example.test"));
        assertChainVerifies();
    }

    @Test
    void lost_email_a_new_owner_from_the_cli_deletes_the_old_user() {
        try (Z4jProcess.Running serve = serve()) {
            setUp(serve, "old@example.test");
            Z4jProcess.Result created = z4j.stdin(NEW_PASSWORD + "\n").run("createsuperuser", "--email",
                    "new@example.test", "--display-name", "New Me", "--password-stdin");
            assertThat(created.exitCode()).as(created.toString()).isZero();

            Browser owner = login("new@example.test", NEW_PASSWORD, 200);
            String oldId = null;
            for (var user : Json.parse(owner.get("/api/v1/users").body())) {
                if (user.get("email").asText().equals("old@example.test")) {
                    oldId = user.get("id").asText();
                }
            }
            assertThat(oldId).isNotNull();
            assertThat(owner.patch("/api/v1/users/" + oldId, Json.object("email", "new-old@example.test"))
                    .statusCode()).as("no email rename").isEqualTo(422);
            assertThat(owner.delete("/api/v1/users/" + oldId).statusCode()).isEqualTo(204);
            login("old@example.test", PASSWORD, 401);
            assertThat(Json.parse(owner.get("/api/v1/projects").body()).findValuesAsText("slug")).containsExactly("ops");
        }
        assertChainVerifies();
    }

    @Test
    void the_recovery_commands_fail_with_one_line_and_the_documented_exit_codes() {
        try (Z4jProcess.Running serve = serve()) {
            Matcher first = SETUP_URL.matcher(serve.stderr());
            assertThat(first.find()).isTrue();

            Z4jProcess.Result reset = z4j.run("reset-setup");
            assertThat(reset.exitCode()).as(reset.toString()).isZero();
            Matcher fresh = SETUP_URL.matcher(reset.stdout());
            assertThat(fresh.find()).as(reset.stdout()).isTrue();
            assertThat(Http.get(port, "/setup?token=" + first.group(1)).statusCode()).as("the old link died")
                    .isEqualTo(404);
            assertThat(Http.get(port, "/setup?token=" + fresh.group(1)).statusCode()).as("the running brain takes "
                    + "the new one").isEqualTo(200);

            Browser owner = new Browser(port);
            assertThat(owner.post("/api/v1/setup/complete", Json.object("token", fresh.group(1), "email",
                    "owner@example.test", "password", PASSWORD)).statusCode()).isEqualTo(200);

            Z4jProcess.Result refused = z4j.run("reset-setup");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr().strip()).startsWith("z4j reset-setup: an owner already exists")
                    .doesNotContain("\n").doesNotContain("Exception");

            Z4jProcess.Result unknown = z4j.stdin(NEW_PASSWORD + "\n").run("changepassword", "ghost@example.test",
                    "--password-stdin");
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.stderr()).contains("no user with email ghost@example.test");

            Z4jProcess.Result weak = z4j.stdin("password2026!\n").run("changepassword", "owner@example.test",
                    "--password-stdin");
            assertThat(weak.exitCode()).isEqualTo(2);
            assertThat(weak.stderr().strip()).isEqualTo("z4j changepassword: password is too common or too easy to "
                    + "guess; choose another one (password_too_common)");

            Z4jProcess.Result empty = z4j.stdin("").run("changepassword", "owner@example.test");
            assertThat(empty.exitCode()).as("not a terminal: one line from stdin, here none").isEqualTo(2);

            Z4jProcess.Result taken = z4j.stdin(NEW_PASSWORD + "\n").run("createsuperuser", "--email",
                    "Owner@Example.test", "--display-name", "Dup", "--password-stdin");
            assertThat(taken.exitCode()).isEqualTo(1);
            assertThat(taken.stderr()).contains("already exists");

            Z4jProcess.Result pipedWithoutFlag = z4j.stdin(NEW_PASSWORD + "\n").run("changepassword",
                    "owner@example.test");
            assertThat(pipedWithoutFlag.exitCode()).as(pipedWithoutFlag.toString()).isZero();
            login("owner@example.test", NEW_PASSWORD, 200);
        }
    }

    @Test
    void on_a_terminal_changepassword_prompts_twice_without_echo_and_refuses_a_mismatch() {
        try (Z4jProcess.Running serve = serve()) {
            setUp(serve, "owner@example.test");
            Z4jProcess.Result mismatch = z4j.onTerminal().stdin("amber-glacier-compass-4\namber-glacier-compass-5\n")
                    .run("changepassword", "owner@example.test");
            assertThat(mismatch.exitCode()).as(mismatch.toString()).isEqualTo(2);
            assertThat(mismatch.stdout()).contains("New password:", "Repeat it:", "do not match");
            login("owner@example.test", PASSWORD, 200);

            Z4jProcess.Result changed = z4j.onTerminal().stdin(NEW_PASSWORD + "\n" + NEW_PASSWORD + "\n")
                    .run("changepassword", "owner@example.test");
            assertThat(changed.exitCode()).as(changed.toString()).isZero();
            assertThat(changed.stdout()).contains("password changed for owner@example.test");
            login("owner@example.test", NEW_PASSWORD, 200);
        }
    }
}
