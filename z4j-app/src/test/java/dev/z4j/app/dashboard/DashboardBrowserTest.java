package dev.z4j.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.Z4jBrain;
import dev.z4j.app.testing.Chromium;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Z4jProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium against a real brain (embedded, SQLite, on a free port whose URL is the
 * brain's public URL, so the printed setup link works as printed). One browser and one brain for the class; the tests
 * run in order as an operator's first hour would: set up, sign in, manage users and members, meet a viewer who
 * cannot act, read the audit log, and find the chain tampered. Screenshots of the main pages go to
 * {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final String PASSWORD = "violet-harbour-lantern-7";
    static final String OWNER = "olivia@example.test";
    static final String VIEWER = "vera@example.test";

    @TempDir
    static Path home;
    static Z4jBrain brain;
    static Chromium browser;
    static String mintedToken;

    @BeforeAll
    static void start() {
        int port = Z4jProcess.freePort();
        brain = Z4jBrain.builder().home(home).secret("dashboard-test-secret-0123456789-abcdefghijk")
                .bind("127.0.0.1", port)
                .setting("Z4J_PUBLIC_URL", "http://localhost:" + port)
                .setting("Z4J_ARGON2_MEMORY_KIB", "1024").setting("Z4J_ARGON2_ITERATIONS", "1")
                .setting("Z4J_ARGON2_PARALLELISM", "1")
                .setting("Z4J_LOGIN_LOCKOUT_THRESHOLD", "3")
                .build().start();
        browser = new Chromium("http://localhost:" + port);
    }

    /**
     * What the brain says to an agent token on a route agents may not use: 403 while the token is a live credential
     * (the principal is the agent, which may not read a project's settings), 401 once it is not.
     */
    static int agentTokenStatus(String token) {
        return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + brain.port()
                + "/api/v1/projects/operations")).header("Authorization", "Bearer " + token).GET().build()).statusCode();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (brain != null) {
            brain.close();
        }
    }

    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.keepEvidence(context.getRequiredTestMethod().getName());
        }
    };

    private static void signIn(String email) {
        browser.open("/login").type("#email", email).type("#password", PASSWORD).submit("form.stack button");
        browser.await("signed in as " + email, () -> !browser.path().startsWith("/login"));
    }

    private static void signOut() {
        browser.submit("header form button");
        browser.await("the sign-in page", () -> browser.path().startsWith("/login"));
    }

    @Test
    @Order(1)
    void setup_from_the_printed_url_creates_the_owner_and_signs_them_in() {
        String url = brain.setupInvitation().orElseThrow().url();
        assertThat(url).startsWith("http://localhost:" + brain.port() + "/setup?token=");

        browser.open(url);
        browser.screenshot("setup");
        browser.type("#email", OWNER).type("#display_name", "Olivia Owner").type("#password", PASSWORD)
                .type("#project_name", "Operations").submit("form button");

        browser.await("the first project", () -> browser.path().equals("/projects/operations"));
        assertThat(browser.text("main h1")).isEqualTo("Operations");
        assertThat(browser.text("header .who")).isEqualTo("Olivia Owner");
        assertThat(browser.text("nav.side")).contains("Overview", "Agents", "Audit log", "Members", "Account", "System",
                "Users", "Projects");
        browser.screenshot("overview");

        browser.open(url);
        assertThat(browser.text("h1")).as("the link works once").isEqualTo("This brain is already set up");
        browser.open("/");
    }

    @Test
    @Order(2)
    void signing_in_says_what_went_wrong_and_locks_after_repeated_failures() {
        signOut();
        assertThat(browser.text("p.notice")).isEqualTo("You are signed out.");
        browser.type("#email", OWNER).type("#password", "not-the-password").submit("form.stack button");
        assertThat(browser.text("p.error")).isEqualTo("The email or password is incorrect.");
        assertThat(browser.find("#email").getDomProperty("value")).isEqualTo(OWNER);
        browser.screenshot("login");

        for (int attempt = 0; attempt < 4; attempt++) {
            browser.type("#email", "mallory@example.test").type("#password", "guess-" + attempt)
                    .submit("form.stack button");
        }
        assertThat(browser.text("p.error")).startsWith("Too many failed sign-ins: signing in is locked for this "
                + "account or address for another 15 minutes.");

        browser.open("/projects/operations/members");
        assertThat(browser.path()).isEqualTo("/login?next=%2Fprojects%2Foperations%2Fmembers");
        browser.type("#email", OWNER).type("#password", PASSWORD).submit("form.stack button");
        browser.await("back where the owner was going", () -> browser.path().equals("/projects/operations/members"));
    }

    @Test
    @Order(3)
    void the_owner_creates_a_user_and_makes_them_a_viewer_while_the_last_admin_keeps_their_role() {
        browser.open("/settings/users").type("#new_email", VIEWER).type("#new_display_name", "Vera Viewer")
                .type("#new_password", PASSWORD).submit("#new-user-title ~ form button");
        assertThat(browser.text("p.notice")).isEqualTo("User created.");
        assertThat(browser.text("#users")).contains(VIEWER, "Vera Viewer");
        assertThat(browser.has("#users input[name=email]")).as("no email field to edit").isFalse();
        assertThat(browser.all("tr[data-email='" + OWNER + "'] td.actions form")).as("no controls on yourself")
                .isEmpty();
        browser.screenshot("users");

        browser.open("/projects/operations/members").type("#member_email", VIEWER);
        new Select(browser.find("#member_role")).selectByValue("viewer");
        browser.submit("#add-member-title ~ form button");
        assertThat(browser.text("p.notice")).isEqualTo("Member added.");
        assertThat(browser.text("tr[data-email='" + VIEWER + "'] .badge")).isEqualTo("viewer");
        assertThat(browser.text("tr[data-email='" + OWNER + "'] td:nth-child(3)")).isEqualTo("admin last admin");
        assertThat(browser.all("tr[data-email='" + OWNER + "'] td.actions form"))
                .as("the last admin cannot be demoted or removed, so no control says otherwise").isEmpty();
        browser.screenshot("members");
    }

    @Test
    @Order(4)
    void minting_an_agent_shows_its_token_and_secret_once_with_the_agent_configuration() {
        browser.open("/projects/operations/agents").type("#agent_name", "billing-workers").click("#mint button");
        browser.await("the minted credential", () -> browser.has("#minted-dialog"));
        assertThat(browser.path()).as("htmx swapped the dialog in; the address stays the list's")
                .isEqualTo("/projects/operations/agents");
        String token = browser.text("#minted-token");
        String secret = browser.text("#minted-secret");
        assertThat(token).startsWith("z4j_agent_");
        assertThat(secret).isNotBlank();
        assertThat(browser.text("#minted-config")).contains("Z4J_BRAIN_URL=http://localhost:" + brain.port(),
                "Z4J_TOKEN=" + token, "Z4J_HMAC_SECRET=" + secret);
        assertThat(browser.all("#minted-dialog button[data-copy]")).hasSize(3);
        browser.allowClipboard();
        browser.click("button[data-copy='minted-token']");
        browser.await("the copy button to confirm", () -> browser.text("button[data-copy='minted-token']")
                .equals("Copied"));
        assertThat(browser.clipboard()).isEqualTo(token);
        browser.await("the list refreshed with the new agent", () -> browser.has("tr[data-agent='billing-workers']"));
        browser.screenshot("agent-minted");

        browser.driver.navigate().refresh();
        assertThat(browser.has("#minted-dialog")).isFalse();
        assertThat(browser.driver.getPageSource()).doesNotContain(token).doesNotContain(secret);

        assertThat(agentTokenStatus(token)).as("a live agent token, refused only for a user's action").isEqualTo(403);
        assertThat(browser.text("tr[data-agent='billing-workers']")).contains("never connected");
        mintedToken = token;
        browser.screenshot("agents");
        browser.open("/projects/operations");
        assertThat(browser.text("#agent-stats")).contains("Agents online", "0 of 1");
    }

    @Test
    @Order(5)
    void revoking_on_the_agent_page_kills_the_token_and_a_replacement_is_minted_on_the_same_agent() {
        browser.open("/projects/operations/agents").submit("tr[data-agent='billing-workers'] a");
        assertThat(browser.text("main h1")).contains("billing-workers");
        String agentId = browser.text("#agent-id");
        browser.click("#revoke summary");
        browser.submit("#revoke button");

        assertThat(browser.text("p.notice")).startsWith("Credential revoked");
        assertThat(browser.text("main h1")).contains("revoked");
        assertThat(browser.has("#revoke")).as("nothing left to revoke").isFalse();
        assertThat(agentTokenStatus(mintedToken)).as("the revoked token is no credential any more").isEqualTo(401);
        browser.screenshot("agent-revoked");

        browser.click("#rotate button");
        browser.await("the replacement credential", () -> browser.has("#minted-dialog"));
        assertThat(browser.text("#minted-title")).isEqualTo("New credential for billing-workers");
        String replacement = browser.text("#minted-token");
        assertThat(replacement).isNotEqualTo(mintedToken);
        assertThat(agentTokenStatus(replacement)).isEqualTo(403);
        assertThat(agentTokenStatus(mintedToken)).isEqualTo(401);
        browser.await("the facts refreshed", () -> browser.text("#agent-facts-card").contains("generation 2"));
        assertThat(browser.find("a.button[href*='/audit?actor=']").getDomAttribute("href"))
                .as("the seed's damage assessment, one click away")
                .isEqualTo("/projects/operations/audit?actor=agent:" + agentId);
        browser.open("/projects/operations/audit?action=agent.");
        assertThat(browser.text("#audit-rows tbody")).contains("agent.token.minted", "agent.token.revoked",
                "agent.token.rotated");
    }

    @Test
    @Order(6)
    void a_viewer_sees_no_control_they_may_not_use_and_the_server_refuses_them_anyway() {
        signOut();
        signIn(VIEWER);
        assertThat(browser.path()).isEqualTo("/projects/operations");
        assertThat(browser.text("nav.side")).contains("Overview", "Agents", "Account", "System")
                .doesNotContain("Members", "Audit log", "Users");

        browser.open("/projects/operations/agents");
        assertThat(browser.text("#agents-table")).contains("billing-workers");
        assertThat(browser.has("#mint")).isFalse();
        browser.submit("tr[data-agent='billing-workers'] a");
        String agentPath = browser.path();
        assertThat(browser.has("#revoke") || browser.has("#rotate") || browser.has("#delete")).isFalse();

        browser.open("/projects/operations/members");
        assertThat(browser.text("h1")).isEqualTo("Not allowed");
        assertThat(browser.text("p.error")).contains("role 'viewer' is not sufficient (need at least 'admin')");

        browser.open("/account");
        String token = browser.csrfToken();
        assertThat(browser.postForm("/projects/operations/members",
                Map.of("_csrf", token, "email", VIEWER, "role", "admin"))).isEqualTo(403);
        assertThat(browser.postForm("/settings/users", Map.of("_csrf", token, "email", "eve@example.test",
                "display_name", "Eve", "password", PASSWORD))).isEqualTo(403);
        assertThat(browser.postForm("/settings/audit/verify", Map.of("_csrf", token))).isEqualTo(403);
        assertThat(browser.postForm("/projects/operations/agents", Map.of("_csrf", token, "name", "rogue")))
                .isEqualTo(403);
        assertThat(browser.postForm(agentPath + "/rotate", Map.of("_csrf", token))).isEqualTo(403);
        assertThat(browser.postForm(agentPath + "/delete", Map.of("_csrf", token))).isEqualTo(403);
        assertThat(browser.postForm("/account/profile", Map.of("display_name", "No token"))).isEqualTo(403);

        signOut();
        signIn(OWNER);
        browser.open("/projects/operations/members");
        assertThat(browser.text("tr[data-email='" + VIEWER + "'] .badge")).isEqualTo("viewer");
        assertThat(browser.text("#users, #members")).doesNotContain("eve@example.test");
        browser.open("/projects/operations/agents");
        assertThat(browser.all("#agents-table tbody tr")).as("no rogue agent, none deleted").hasSize(1);
    }

    @Test
    @Order(7)
    void the_account_page_renames_the_user_and_lists_this_session() {
        browser.open("/account").type("#display_name", "Olivia O.").submit("#profile-title ~ form button");
        assertThat(browser.text("p.notice")).isEqualTo("Display name saved.");
        assertThat(browser.text("header .who")).isEqualTo("Olivia O.");
        assertThat(browser.text("#sessions-title ~ .table-wrap")).contains("this session");
        browser.screenshot("account");
    }

    @Test
    @Order(8)
    void pages_read_without_javascript_and_forms_still_post() {
        browser.scripts(false);
        try {
            browser.open("/settings/audit");
            assertThat(browser.text("#audit-rows")).contains("setup.completed", "membership.granted");
            browser.open("/projects/operations/members");
            assertThat(browser.text("#members")).contains(VIEWER);
            browser.open("/account").type("#display_name", "Olivia Owner").submit("#profile-title ~ form button");
            assertThat(browser.text("p.notice")).isEqualTo("Display name saved.");
            browser.open("/projects/operations/agents").type("#agent_name", "no-script-agent").submit("#mint button");
            assertThat(browser.text("#minted-token")).as("the form's own answer shows the credential once")
                    .startsWith("z4j_agent_");
            assertThat(browser.text("#agents-table")).contains("no-script-agent");
        } finally {
            browser.scripts(true);
        }
    }

    @Test
    @Order(9)
    void the_audit_log_filters_exports_and_shows_the_verification_state() {
        browser.open("/projects/operations/audit").type("#f_action", "membership.").submit("form[role=search] button");
        assertThat(browser.text("#audit-rows tbody")).contains("membership.granted").doesNotContain("auth.login");
        String csv = (String) browser.script("return fetch(arguments[0]).then(r => r.text());",
                browser.find("a[href*='format=csv']").getDomAttribute("href"));
        assertThat(csv).startsWith("seq,id,occurred_at,actor_type").contains("membership.granted");

        browser.open("/settings/audit");
        assertThat(browser.text("#verification")).as("the brain walked the chain when it started")
                .contains("intact", "Last walked");
        browser.submit("#verification button");
        assertThat(browser.text("p.notice")).isEqualTo("Verification finished: the chain is intact.");
        assertThat(browser.text("#verification")).contains("intact", "chain intact");
        browser.screenshot("audit");

        browser.open("/settings/system");
        assertThat(browser.text("#allowed-hosts")).contains("localhost");
        assertThat(browser.text("#backups")).contains("No backup of this database is recorded.");
        assertThat(browser.text("#advice")).contains("no backup recorded: run `z4j backup`",
                "only one active owner");
        browser.screenshot("system");
        browser.colorScheme("dark");
        browser.open("/projects/operations/members");
        browser.screenshot("members-dark");
        browser.colorScheme("light");
    }

    @Test
    @Order(10)
    void a_tampered_audit_table_shows_as_broken_with_a_banner_on_every_page() throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("z4j.db"));
             Statement sql = db.createStatement()) {
            sql.execute("PRAGMA busy_timeout = 10000");
            sql.execute("DROP TRIGGER IF EXISTS audit_log_no_update");
            sql.execute("UPDATE audit_log SET action = 'membership.revoked' WHERE seq = 3");
        }
        browser.open("/settings/audit").submit("#verification button");
        assertThat(browser.text("#messages p.error")).isEqualTo("Verification finished: the chain is NOT intact; see below.");
        assertThat(browser.text("#verification")).contains("broken", "FAIL at row 3");
        assertThat(browser.text("#chain-alarm")).startsWith("Audit chain broken: FAIL at row 3 (audit_id=");
        browser.screenshot("audit-broken");

        browser.open("/account");
        assertThat(browser.has("#chain-alarm")).as("the banner is on every page").isTrue();
        signOut();
        signIn(VIEWER);
        assertThat(browser.text("#chain-alarm")).contains("FAIL at row 3").doesNotContain("Open the audit log");
    }
}
