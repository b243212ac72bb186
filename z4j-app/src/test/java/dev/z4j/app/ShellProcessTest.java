package dev.z4j.app;

import static dev.z4j.app.testing.Z4jProcess.Keyboard.CTRL_C;
import static dev.z4j.app.testing.Z4jProcess.Keyboard.CTRL_D;
import static dev.z4j.app.testing.Z4jProcess.Keyboard.TAB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.system.Home;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.testing.Z4jProcess.Keyboard;
import dev.z4j.ports.agents.MintedCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j shell} driven on a pseudo-terminal: completion, errors that keep it alive, Ctrl-C, Ctrl-D, history. */
class ShellProcessTest {

    @TempDir
    Path tmp;

    IncidentHome world;
    String stopped;

    @BeforeEach
    void prepare() {
        world = new IncidentHome(tmp.resolve("home"));
        world.project("payments");
        stopped = "z4j " + world.home + " (sqlite z4j.db, brain stopped)> ";
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void a_failing_command_prints_its_line_and_the_shell_goes_on_until_ctrl_d() throws Exception {
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            assertThat(shell.await(stopped)).contains("z4j shell ").contains("home " + world.home)
                    .contains("database sqlite " + world.home.resolve("z4j.db")).contains("brain stopped");
            shell.line("audti verify");
            assertThat(shell.await(stopped)).contains("z4j: Unmatched arguments from index 0: 'audti', 'verify' "
                    + "(did you mean audit? see z4j --help)");
            shell.line("sessions nobody@example.test");
            assertThat(shell.await(stopped)).contains("z4j sessions: no user with email nobody@example.test");
            shell.line("audit show 999");
            assertThat(shell.await(stopped)).contains("z4j audit show: there is no audit row 999");
            shell.line("serve");
            assertThat(shell.await(stopped)).contains("z4j serve: not available inside the shell");
            shell.line("z4j audit verify");
            assertThat(shell.await(stopped)).containsPattern("z4j audit verify: OK \\(walked \\d+ rows, chain intact\\)");
            shell.line("sessions " + IncidentHome.OWNER);
            assertThat(shell.await(stopped)).contains("z4j sessions: " + IncidentHome.OWNER + " (owner, active")
                    .contains("0 sessions, 0 live.");
            shell.type(CTRL_D);
            assertThat(shell.awaitExit()).isZero();
        }
        Path history = world.home.resolve("shell-history");
        assertThat(Files.readString(history)).contains("audti verify").contains("sessions nobody@example.test")
                .contains("z4j audit verify");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
    }

    /** The terminal redraws a completed word in place, so each completion is proven by the line that ran. */
    @Test
    void tab_completes_commands_options_and_emails() throws Exception {
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            shell.await(stopped);
            shell.type("sess" + TAB + "oli" + TAB + "\r");
            assertThat(shell.await(stopped)).contains("z4j sessions: olivia@example.test (owner, active");
            shell.type("audit se" + TAB + "--acto" + TAB + "cl" + TAB + "--js" + TAB + "\r");
            assertThat(shell.await(stopped)).contains("\"action\":\"user.created\"");
            shell.type("audit show --ar" + TAB + "1 1\r");
            assertThat(shell.await(stopped)).contains("audit row 1 (audit_id=");
            shell.line("exit");
            assertThat(shell.awaitExit()).isZero();
        }
        assertThat(Files.readAllLines(world.home.resolve("shell-history"))).extracting(l -> l.replaceFirst("^\\d+:", ""))
                .containsExactly("sessions olivia@example.test", "audit search --actor cli --json",
                        "audit show --around 1 1", "exit");
    }

    @Test
    void tab_completes_project_slugs_and_agent_names_and_the_agents_view_shows_what_a_stopped_brain_left()
            throws Exception {
        MintedCredential weather = world.agent("payments", "weather-agent");
        world.agent("payments", "billing-agent");
        OpsHomes.execute(world.home.resolve("z4j.db"), "UPDATE agents SET state = 'online', last_seen_at = "
                + "'2026-01-01 00:00:00.000000' WHERE name = 'weather-agent'");
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            shell.await(stopped);
            shell.type("agents list --pro" + TAB + "pay" + TAB + "\r");
            assertThat(shell.await(stopped))
                    .containsPattern("payments\\s+weather-agent\\s+" + weather.agent().id() + "\\s+stale\\s+"
                            + "2026-01-01 00:00:00 UTC \\(\\d+ days ago\\)\\s+generation 1, issued ")
                    .containsPattern("payments\\s+billing-agent\\s+\\S+\\s+never connected\\s+never")
                    .contains("stale: recorded online but silent longer than 30 s (a stopped brain cannot mark agents "
                            + "offline)");
            shell.type("agents revoke wea" + TAB + "\r");
            assertThat(shell.await(stopped)).contains("z4j agents revoke: revoked the credential of weather-agent "
                    + "(project payments, id " + weather.agent().id() + ")");
            shell.line("agents");
            assertThat(shell.await(stopped)).containsPattern("weather-agent\\s+.*REVOKED");
            shell.type(CTRL_D);
            assertThat(shell.awaitExit()).isZero();
        }
        assertThat(Files.readAllLines(world.home.resolve("shell-history"))).extracting(l -> l.replaceFirst("^\\d+:", ""))
                .containsExactly("agents list --project payments", "agents revoke weather-agent", "agents");
        assertThat(world.wiring().agents.authenticate(weather.token())).isEmpty();
    }

    @Test
    void a_playbook_inside_the_shell_asks_before_each_change_and_declining_changes_nothing() {
        MintedCredential weather = world.agent("payments", "weather-agent");
        world.agentActed(weather, "task.retry", "task:celery-7", "198.51.100.23");
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            shell.await(stopped);
            shell.line("playbook leaked-token");
            shell.await("Name or id of the agent whose token leaked (`agents list` shows them): ");
            shell.line("weather-agent");
            assertThat(shell.await("[y/N] ")).contains("Revoke the credential of weather-agent now?");
            shell.line("n");
            assertThat(shell.await("[y/N] ")).contains("Mint a replacement credential for weather-agent");
            shell.line("");
            assertThat(shell.await(stopped)).containsPattern("task\\.retry\\s+task:celery-7\\s+198\\.51\\.100\\.23")
                    .contains("z4j playbook leaked-token: 1 problem still open:");
            shell.type(CTRL_D);
            assertThat(shell.awaitExit()).isZero();
        }
        assertThat(world.wiring().agents.authenticate(weather.token())).isPresent();
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action LIKE 'agent.token.r%'")).isZero();
        assertThat(world.count("SELECT credential_generation FROM agents")).isEqualTo(1);
    }

    /**
     * Ctrl-C while a playbook verifies the chain (opening the database, walking it, or at the question after it at the
     * latest): the playbook stops there, nothing is preserved or restored, and the shell stays.
     */
    @Test
    void ctrl_c_stops_a_running_playbook_at_its_next_safe_point() {
        world.attacker("UPDATE audit_log SET result = 'failed' WHERE seq = 1");
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            shell.await(stopped);
            shell.line("playbook audit-tampered");
            shell.await("Step 1: detection: z4j audit verify");
            shell.type(CTRL_C);
            assertThat(shell.await(stopped)).contains("z4j playbook audit-tampered: cancelled")
                    .doesNotContain("Step 2").doesNotContain("problem");
            shell.line("audit verify");
            assertThat(shell.await(stopped)).contains("z4j audit verify: FAIL at row 1");
            shell.type(CTRL_D);
            assertThat(shell.awaitExit()).isZero();
        }
        assertThat(world.home.resolve("evidence")).doesNotExist();
    }

    @Test
    void the_prompt_shows_whether_a_brain_holds_the_lock() {
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            shell.await(stopped);
            try (HomeLock lock = HomeLock.tryAcquire(new Home(world.home)).orElseThrow()) {
                shell.line("");
                shell.await("(sqlite z4j.db, brain running, pid " + ProcessHandle.current().pid() + ")> ");
            }
            shell.line("");
            shell.await(stopped);
            shell.type(CTRL_D);
            assertThat(shell.awaitExit()).isZero();
        }
    }

    @Test
    void help_and_usage_errors_of_a_command_inside_the_shell() {
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            shell.await(stopped);
            shell.line("help sessions");
            assertThat(shell.await(stopped)).contains("Usage: z4j sessions").contains("EMAIL");
            shell.line("audit show");
            assertThat(shell.await(stopped)).contains("z4j audit show: Missing required parameter: 'SEQ'");
            shell.line("playbook");
            assertThat(shell.await(stopped)).contains("say which playbook: brain-down, audit-tampered, leaked-token "
                    + "or lost-admin");
            shell.type(CTRL_D);
            assertThat(shell.awaitExit()).isZero();
        }
    }

    @Test
    void ctrl_c_cancels_a_question_declining_changes_nothing_and_answers_stay_out_of_the_history() throws Exception {
        world.attacker("DELETE FROM users");
        try (Keyboard shell = world.z4j.startTyping("shell")) {
            shell.await(stopped);
            shell.line("playbook lost-admin");
            assertThat(shell.await("Email of the new owner, to create a fresh owner on this install (Enter to skip): "))
                    .contains("FAIL   no active owner exists");
            shell.type("mallory@exa");
            shell.type(CTRL_C);
            assertThat(shell.await(stopped)).contains("z4j playbook lost-admin: cancelled");
            shell.line("playbook lost-admin");
            shell.await("(Enter to skip): ");
            shell.line("new.owner@example.test");
            shell.await("Display name of new.owner@example.test: ");
            shell.line("New Owner");
            shell.await("Create owner new.owner@example.test (New Owner) now? Projects, agents, task history and the "
                    + "audit chain stay as they are. [y/N] ");
            shell.line("n");
            assertThat(shell.await(stopped)).contains("todo   create one: z4j createsuperuser")
                    .contains("z4j playbook lost-admin: 1 problem still open:");
            assertThat(world.count("SELECT count(*) FROM users")).isZero();

            shell.line("playbook lost-admin");
            shell.await("(Enter to skip): ");
            shell.line("new.owner@example.test");
            shell.await("Display name of new.owner@example.test: ");
            shell.line("New Owner");
            shell.await("[y/N] ");
            shell.line("y");
            shell.await("New password: ");
            shell.line("amber-glacier-compass-4");
            shell.await("Repeat it: ");
            shell.line("amber-glacier-compass-4");
            assertThat(shell.await(stopped)).contains("z4j createsuperuser: created owner new.owner@example.test")
                    .contains("z4j playbook lost-admin: every problem found was dealt with (1)");
            shell.type(CTRL_D);
            assertThat(shell.awaitExit()).isZero();
            assertThat(shell.screen()).doesNotContain("amber-glacier-compass-4");
        }
        assertThat(world.count("SELECT count(*) FROM users WHERE is_owner")).isEqualTo(1);
        assertThat(Files.readString(world.home.resolve("shell-history"))).doesNotContain("amber-glacier")
                .doesNotContain("new.owner@example.test").contains("playbook lost-admin");
    }
}
