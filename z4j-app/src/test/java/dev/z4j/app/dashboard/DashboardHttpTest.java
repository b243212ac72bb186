package dev.z4j.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's pages and the REST routes added for them, over plain HTTP against a real brain: what a browser
 * without JavaScript sends (form posts with the hidden CSRF field), and what the pages must never do (follow a
 * foreign {@code next}, post without a token, reflect text). The browser-level behaviour is in
 * {@link DashboardBrowserTest}.
 */
class DashboardHttpTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path home;
    static IdentityWorld world;

    @BeforeAll
    static void start() {
        world = IdentityWorld.start(home, Map.of("Z4J_LOGIN_LOCKOUT_THRESHOLD", "3"));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static String csrfField(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("a form with the CSRF field").isTrue();
        return m.group(1);
    }

    private static String form(String... keysAndValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.append(out.isEmpty() ? "" : "&").append(keysAndValues[i]).append('=')
                    .append(URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void a_form_posted_without_javascript_carries_the_token_in_its_hidden_field_and_nothing_else_passes() {
        Browser owner = world.login(IdentityWorld.OWNER_EMAIL);
        String token = csrfField(owner.get("/account").body());
        assertThat(token).isEqualTo(owner.cookie("z4j_csrf").orElseThrow());
        Browser noHeader = owner.withoutCsrf();

        HttpResponse<String> done = noHeader.postForm("/account/profile", form("_csrf", token,
                "display_name", "Olivia via form"));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("/account?done=profile");

        HttpResponse<String> wrong = noHeader.postForm("/account/profile", form("_csrf", "forged",
                "display_name", "Mallory"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("This form is out of date");
        HttpResponse<String> missing = noHeader.postForm("/account/profile", form("display_name", "Mallory"));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(Json.parse(owner.get("/api/v1/auth/me").body()).get("display_name").asText())
                .isEqualTo("Olivia via form");

        HttpResponse<String> jsonWithField = noHeader.post("/api/v1/auth/change-password",
                "{\"_csrf\":\"" + token + "\",\"current_password\":\"x\",\"new_password\":\"y\"}");
        assertThat(jsonWithField.statusCode()).as("the field counts only on form bodies").isEqualTo(403);
    }

    @Test
    void sign_in_follows_only_paths_of_this_site_and_a_locked_account_gets_429_with_retry_after() {
        Browser browser = new Browser(world.port);
        for (String next : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
            HttpResponse<String> signedIn = new Browser(world.port).postForm("/login", form("email",
                    IdentityWorld.OWNER_EMAIL, "password", IdentityWorld.PASSWORD, "next", next));
            assertThat(signedIn.headers().firstValue("Location")).as(next).hasValue("/");
        }
        HttpResponse<String> back = browser.postForm("/login", form("email", IdentityWorld.OWNER_EMAIL,
                "password", IdentityWorld.PASSWORD, "next", "/settings/users?x=1"));
        assertThat(back.headers().firstValue("Location")).hasValue("/settings/users?x=1");

        String email = "locked" + world.next() + "@example.test";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = new Browser(world.port).postForm("/login", form("email", email,
                    "password", "wrong-password-" + i));
            assertThat(failed.statusCode()).isEqualTo(401);
            assertThat(failed.body()).contains("The email or password is incorrect.").contains("value=\"" + email);
        }
        HttpResponse<String> locked = new Browser(world.port).postForm("/login", form("email", email,
                "password", "wrong-password-again"));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("Too many failed sign-ins").doesNotContain("wrong-password");
    }

    @Test
    void a_page_without_a_session_leads_to_sign_in_and_back_and_notices_are_never_reflected_text() {
        HttpResponse<String> anonymous = new Browser(world.port).get("/settings/audit?action=auth.");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location"))
                .contains("/login?next=%2Fsettings%2Faudit%3Faction%3Dauth.");

        Browser owner = world.login(IdentityWorld.OWNER_EMAIL);
        String page = owner.get("/account?done=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("class=\"notice\"");
        assertThat(owner.get("/account?done=profile").body()).contains("Display name saved.");
    }

    @Test
    void the_audit_page_filters_like_the_cli_and_its_export_links_say_the_same_in_the_apis_terms() {
        Browser owner = world.login(IdentityWorld.OWNER_EMAIL);
        assertThat(owner.patch("/api/v1/auth/me", Json.object("email", "new@example.test")).statusCode())
                .as("no route renames an email").isEqualTo(422);
        world.createUser("auditee" + world.next() + "@example.test", false);

        HttpResponse<String> page = owner.get("/settings/audit?action=user.&actor=user&since=2020-01-01");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("user.created").doesNotContain(">auth.login<");
        Matcher link = Pattern.compile("href=\"(/api/v1/audit\\?[^\"]*format=csv)\"").matcher(page.body());
        assertThat(link.find()).as("the CSV export link").isTrue();
        String csvPath = link.group(1).replace("&amp;", "&");
        assertThat(csvPath).contains("action_prefix=user.", "actor_type=user", "since=2020-01-01");
        HttpResponse<String> csv = owner.get(csvPath);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("seq,id,occurred_at,actor_type").contains("user.created")
                .doesNotContain("auth.login");

        HttpResponse<String> bad = owner.get("/settings/audit?since=yesterday");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("since: 'yesterday' is not a time");
    }

    @Test
    void verifying_over_rest_answers_like_the_cli() {
        Browser owner = world.login(IdentityWorld.OWNER_EMAIL);
        JsonNode report = Json.parse(owner.post("/api/v1/audit/verify", "").body());
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("summary").asText()).matches("z4j audit verify: OK \\(walked \\d+ rows, chain intact\\)");
        assertThat(report.get("first_broken_row").isNull()).isTrue();
        assertThat(owner.get("/settings/system").body()).contains("chain intact");
    }
}
