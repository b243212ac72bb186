package dev.z4j.app;

import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.SchemaVersions;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.app.testing.Z4jProcess.Keyboard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident playbooks end to end through the real {@code z4j} process on prepared homes: what each prints, what it
 * changes when told to, and that declining (or {@code --no}) changes nothing.
 */
class PlaybookProcessTest {

    @TempDir
    Path tmp;

    IncidentHome world;

    @BeforeEach
    void prepare() {
        world = new IncidentHome(tmp.resolve("home"));
    }

    @AfterEach
    void close() {
        world.close();
    }

    private Z4jProcess.Result playbook(int expectedExit, String... args) {
        Z4jProcess.Result result = world.z4j.run(Stream.concat(Stream.of("playbook"), Stream.of(args))
                .toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(expectedExit);
        assertThat(result.stderr()).as(result.toString()).doesNotContain("\tat ");
        return result;
    }

    @Test
    void lost_admin_finds_the_deleted_last_owner_and_creates_one_only_when_told() {
        OpsHomes.execute(world.home.resolve("z4j.db"), "DELETE FROM users");

        Z4jProcess.Result checkOnly = playbook(1, "lost-admin", "--no");
        assertThat(checkOnly.stdout()).contains("Step 1: who can administer this install?")
                .contains("FAIL   no active owner exists: nobody can manage users, projects or members")
                .contains("todo   create one: z4j createsuperuser --email you@example.com")
                .contains("Step 4: lost email access")
                .contains("z4j playbook lost-admin: 1 problem still open:");
        assertThat(world.count("SELECT count(*) FROM users")).isZero();

        world.z4j.stdin("amber-glacier-compass-4\n");
        Z4jProcess.Result fixed = playbook(0, "lost-admin", "--email", "new.owner@example.test", "--display-name",
                "New Owner", "--password-stdin", "--yes");
        assertThat(fixed.stdout())
                .contains("?      Create owner new.owner@example.test (New Owner) now? Projects, agents, task history "
                        + "and the audit chain stay as they are. [y/N] yes (--yes)")
                .contains("run    z4j createsuperuser --email new.owner@example.test --display-name 'New Owner' "
                        + "--password-stdin")
                .contains("z4j createsuperuser: created owner new.owner@example.test")
                .contains("z4j playbook lost-admin: every problem found was dealt with (1)");
        assertThat(world.count("SELECT count(*) FROM users WHERE email = 'new.owner@example.test' AND is_owner "
                + "AND is_active")).isEqualTo(1);
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action = 'user.created' AND actor_type = 'cli' "
                + "AND metadata LIKE '%new.owner@example.test%'")).isEqualTo(1);
        assertThat(ok(world.z4j.stdin(""), "audit", "verify").stdout()).contains("chain intact");
    }

    @Test
    void lost_admin_resets_a_forgotten_password_of_an_existing_owner() {
        world.z4j.stdin("amber-glacier-compass-4\n");
        Z4jProcess.Result reset = playbook(0, "lost-admin", "--reset-password", IncidentHome.OWNER,
                "--password-stdin", "--yes");
        assertThat(reset.stdout()).contains("ok     1 active owner: " + IncidentHome.OWNER + " (never signed in)")
                .contains("run    z4j changepassword " + IncidentHome.OWNER + " --password-stdin")
                .contains("z4j changepassword: password changed for " + IncidentHome.OWNER)
                .contains("ok     an active owner exists: nothing to recreate");
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action = 'user.password_set'")).isEqualTo(1);
    }

    @Test
    void brain_down_with_a_stopped_brain_and_its_port_taken_names_the_holder_and_changes_nothing() throws IOException {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = squatter.getLocalPort();
            world.z4j.env("Z4J_BIND_PORT", Integer.toString(port)).env("Z4J_PUBLIC_URL", "https://z4j.example.test");
            Map<String, String> before = OpsHomes.snapshot(world.home);

            Z4jProcess.Result result = playbook(1, "brain-down", "--no");

            assertThat(result.stdout())
                    .contains("Step 1: is the process running?")
                    .contains("FAIL   no brain holds " + world.home.resolve("z4j.lock") + ": the brain is not running")
                    .contains("todo   read why it stopped: sudo systemctl status z4j; sudo journalctl -u z4j -n 100")
                    .contains("ok     database: sqlite " + world.home.resolve("z4j.db"))
                    .contains("ok     disk: ")
                    .contains("FAIL   port " + port + " on 127.0.0.1 is in use by pid " + ProcessHandle.current().pid()
                            + " (")
                    .contains("`z4j serve` stops with 'port " + port + " is already in use'")
                    .contains("todo   identify it (ss -tlnp | grep " + port + ")")
                    .contains("Step 2: is it accessible?")
                    .contains("FAIL   the public URL's host z4j.example.test (Z4J_PUBLIC_URL) is not an allowed host: "
                            + "browsers get 400 invalid_host")
                    .contains("[y/N] no (--no)")
                    .contains("Step 3: nothing obvious: restore the most recent backup")
                    .contains("z4j playbook brain-down: 3 problems still open:");
            assertThat(result.stdout().indexOf("Step 1")).isLessThan(result.stdout().indexOf("Step 2"));
            assertThat(OpsHomes.snapshot(world.home)).isEqualTo(before);

            Z4jProcess.Result allowed = playbook(1, "brain-down", "--yes");
            assertThat(allowed.stdout()).contains("run    z4j allowed-hosts add z4j.example.test")
                    .contains("z4j playbook brain-down: 2 problems still open:");
            assertThat(Files.readAllLines(world.home.resolve("allowed-hosts"))).contains("z4j.example.test");
        }
    }

    @Test
    void brain_down_with_a_running_brain_checks_readiness_and_what_it_answers_for_the_public_host() {
        int port = Z4jProcess.freePort();
        ok(world.z4j, "backup");
        world.z4j.env("Z4J_BIND_PORT", Integer.toString(port)).env("Z4J_PUBLIC_URL", "http://z4j.example.test");
        try (Z4jProcess.Running brain = world.z4j.start("serve")) {
            Z4jProcess.await("the brain answers", Duration.ofSeconds(60),
                    () -> Http.statusOf(port, "/api/v1/health/ready") == 200 || !brain.isAlive());
            assertThat(brain.isAlive()).as(brain.stderr()).isTrue();

            Z4jProcess.Result rejected = playbook(1, "brain-down", "--no");
            assertThat(rejected.stdout())
                    .contains("ok     a brain holds " + world.home.resolve("z4j.lock") + " (pid " + brain.pid() + ")")
                    .contains("ok     it answers on 127.0.0.1:" + port + " and is ready")
                    .doesNotContain("is free for `z4j serve`")
                    .contains("FAIL   the public URL's host z4j.example.test (Z4J_PUBLIC_URL) is not an allowed host")
                    .contains("note   the running brain answers 400 invalid_host for Host z4j.example.test, as it will "
                            + "until the host is allowed and the brain restarted")
                    .contains("ok     the database checks passed: a restore would only lose what was written since "
                            + "the backup")
                    .contains("z4j playbook brain-down: 1 problem still open:");

            ok(world.z4j, "allowed-hosts", "add", "z4j.example.test");
            Z4jProcess.Result stale = playbook(1, "brain-down", "--no");
            assertThat(stale.stdout()).contains("ok     the public URL's host z4j.example.test is an allowed host")
                    .contains("FAIL   the running brain still answers 400 invalid_host for Host z4j.example.test: it "
                            + "read the allowed hosts before z4j.example.test was added; restart it");
            brain.terminate();
            brain.await(Duration.ofSeconds(30));
        }
    }

    @Test
    void brain_down_migrates_for_a_brain_started_without_auto_migrate_and_then_offers_no_restore() {
        Path older = OpsHomes.atVersion(tmp.resolve("older"), SchemaVersions.previous());
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(older).env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_AUTO_MIGRATE", "false");
        try (Z4jProcess.Running brain = z4j.start("serve")) {
            Z4jProcess.await("the brain answers", Duration.ofSeconds(60),
                    () -> Http.statusOf(port, "/api/v1/health/ready") == 503 || !brain.isAlive());
            Z4jProcess.Result result = z4j.run("playbook", "brain-down", "--yes");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout())
                    .contains("FAIL   it answers on 127.0.0.1:" + port + " but is not ready: 503 schema_pending "
                            + "(migrations are pending: it was started with Z4J_AUTO_MIGRATE=false)")
                    .contains("FAIL   schema: 1 pending migration")
                    .contains("run    z4j migrate")
                    .contains("z4j migrate: applied " + SchemaVersions.latest() + ";")
                    .doesNotContain("Restore ")
                    .contains("z4j playbook brain-down: every problem found was dealt with (2)");
            Z4jProcess.await("the brain is ready", Duration.ofSeconds(30),
                    () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            brain.terminate();
            brain.await(Duration.ofSeconds(30));
        }
    }

    @Test
    void brain_down_restores_the_latest_backup_only_when_the_database_is_broken_and_a_restore_is_allowed()
            throws IOException {
        ok(world.z4j, "backup");
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(world.home.resolve("z4j.db" + suffix));
        }
        Files.write(world.home.resolve("z4j.db"), "this is not a database, it was overwritten".repeat(100).getBytes());
        byte[] broken = Files.readAllBytes(world.home.resolve("z4j.db"));

        Z4jProcess.Result refused = playbook(1, "brain-down", "--yes");
        assertThat(refused.stdout())
                .contains("FAIL   database: cannot open SQLite database " + world.home.resolve("z4j.db"))
                .contains("todo   the file is damaged or is not a z4j database: restore a backup (step 3)")
                .contains("[y/N] no (--yes does not cover this; pass --restore)");
        assertThat(Files.readAllBytes(world.home.resolve("z4j.db"))).isEqualTo(broken);

        Z4jProcess.Result restored = playbook(1, "brain-down", "--yes", "--restore", "latest");
        assertThat(restored.stdout()).contains("[y/N] yes (--restore)")
                .contains("z4j restore: restored " + world.home.resolve("backups"))
                .contains("z4j check: all checks passed")
                .contains("todo   start the brain (sudo systemctl start z4j), then run z4j status")
                .contains("z4j playbook brain-down: 1 problem still open:\n  - no brain holds ");
        assertThat(world.count("SELECT count(*) FROM users")).isEqualTo(1);
        try (Stream<Path> files = Files.list(world.home)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("z4j.db.pre-restore-"));
        }
    }

    @Test
    void audit_tampered_finds_the_row_keeps_evidence_rotates_and_restores_a_backup_from_before_the_break()
            throws IOException {
        ok(world.z4j, "backup");
        world.project("payments");
        long seq = world.count("SELECT max(seq) FROM audit_log WHERE action = 'project.created'");
        world.attacker("UPDATE audit_log SET action = 'project.renamed' WHERE seq = " + seq);

        Z4jProcess.Result checkOnly = playbook(1, "audit-tampered", "--no");
        assertThat(checkOnly.stdout())
                .containsPattern("z4j audit verify: FAIL at row " + seq + " \\(audit_id=[0-9a-f-]{36}\\)")
                .contains("expected row_hmac: ")
                .contains("first-broken-row timestamp: ")
                .contains("FAIL   the chain breaks at row " + seq)
                .contains("its content does not match its HMAC (the row was edited)")
                .contains("Preserve evidence now (z4j audit evidence)? [y/N] no (--no)")
                .contains("run    z4j audit show " + seq + " --around 3")
                .contains("audit row " + seq + " (audit_id=")
                .contains("FAIL: its row_hmac does not match its content")
                .contains("todo   correlate ")
                .contains("sudo journalctl -u z4j --since '")
                .contains("todo   SQLite: find who could write " + world.home.resolve("z4j.db"))
                .contains("note   rotating: every agent credential stops working")
                .contains("Rotate Z4J_SECRET (key ")
                .contains("note   the newest backup before the break: " + world.home.resolve("backups"))
                .contains("todo   what happened since: z4j audit search --since '");
        assertThat(world.home.resolve("evidence")).doesNotExist();
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action = 'project.renamed'")).isEqualTo(1);

        Z4jProcess.Result evidence = playbook(1, "audit-tampered", "--yes");
        assertThat(evidence.stdout()).contains("run    z4j audit evidence")
                .contains("Manifest: " + world.home.resolve("evidence"))
                .contains("[y/N] no (--yes does not cover this; pass --rotate-secret)")
                .contains("[y/N] no (--yes does not cover this; pass --restore)");
        assertThat(Files.readString(world.home.resolve("secret.env"))).doesNotContain("Z4J_PREVIOUS_SECRETS");
        try (Stream<Path> dirs = Files.list(world.home.resolve("evidence"))) {
            assertThat(dirs.toList()).singleElement().satisfies(dir -> assertThat(dir.resolve("MANIFEST.txt"))
                    .exists());
        }
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action = 'project.renamed'")).isEqualTo(1);

        Z4jProcess.Result restored = playbook(0, "audit-tampered", "--yes", "--rotate-secret", "--restore",
                "before-break");
        assertThat(restored.stdout()).contains("[y/N] yes (--rotate-secret)")
                .contains("run    z4j rotate-secret --yes")
                .contains("z4j rotate-secret: rotated (key ")
                .contains("todo   give every agent a new credential: z4j agents rotate AGENT")
                .contains("[y/N] yes (--restore)")
                .contains("z4j restore: restored " + world.home.resolve("backups"))
                .contains("z4j audit verify: OK (walked")
                .contains("z4j playbook audit-tampered: every problem found was dealt with (1)");
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action LIKE 'project.%'")).isZero();
        assertThat(Files.readString(world.home.resolve("secret.env"))).contains("Z4J_PREVIOUS_SECRETS=");
        assertThat(ok(world.z4j, "audit", "verify").stdout()).contains("chain intact");
    }

    @Test
    void audit_tampered_asked_on_a_terminal_changes_nothing_when_the_operator_declines() throws IOException {
        ok(world.z4j, "backup");
        world.project("payments");
        world.attacker("UPDATE audit_log SET result = 'failed' WHERE action = 'project.created'");
        String before = world.auditRows();
        try (Keyboard playbook = world.z4j.startTyping("playbook", "audit-tampered")) {
            playbook.await("Preserve evidence now (z4j audit evidence)? [y/N] ");
            playbook.line("n");
            assertThat(playbook.await("[y/N] ")).contains("Rotate Z4J_SECRET (key ");
            playbook.line("");
            playbook.await("before the break: ");
            assertThat(playbook.await("[y/N] ")).contains("Restore " + world.home.resolve("backups"));
            playbook.line("no");
            assertThat(playbook.await("1 problem still open:")).contains("Step 7: file an incident report");
            assertThat(playbook.awaitExit()).isEqualTo(1);
        }
        assertThat(world.home.resolve("evidence")).doesNotExist();
        assertThat(world.auditRows()).isEqualTo(before);
        try (Stream<Path> files = Files.list(world.home)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("z4j.db.pre-restore-"));
        }
    }

    @Test
    void leaked_token_assesses_the_damage_and_revokes_and_rotates_only_when_told() {
        world.project("payments");
        MintedCredential leaked = world.agent("payments", "weather-agent");
        MintedCredential other = world.agent("payments", "billing-agent");
        world.agentActed(leaked, "task.retry", "task:celery-41", "198.51.100.23");
        world.agentActed(leaked, "task.retry", "task:celery-42", "198.51.100.23");
        world.agentActed(leaked, "schedule.update", "schedule:nightly-report", "203.0.113.66");
        world.agentActed(other, "task.cancel", "task:celery-99", "192.0.2.5");
        String id = leaked.agent().id().toString();

        Z4jProcess.Result checkOnly = playbook(1, "leaked-token", "--agent", "weather-agent", "--no");
        assertThat(checkOnly.stdout())
                .contains("ok     weather-agent in project payments (id " + id + "): credential generation 1, issued ")
                .contains("never connected, last seen never")
                .contains("FAIL   the leaked token works until it is revoked: whoever holds it can act as "
                        + "weather-agent in project payments")
                .contains("Revoke the credential of weather-agent now?")
                .contains("[y/N] no (--no)")
                .contains("todo   when ready: z4j agents rotate " + id + " --project payments")
                .contains("note   the seed's query (actor_type = 'agent', actor_id = its UUID, occurred_at > '")
                .contains("run    z4j audit search --actor agent:" + id + " --since '")
                .containsPattern("task\\.retry\\s+task:celery-41\\s+198\\.51\\.100\\.23")
                .containsPattern("schedule\\.update\\s+schedule:nightly-report\\s+203\\.0\\.113\\.66")
                .contains("note   3 actions since ")
                .contains(": schedule.update x1, task.retry x2")
                .contains("note   from 198.51.100.23 x2, 203.0.113.66 x1: an address that is not the agent's own host")
                .contains("note   an agent token grants, in project payments only: submit, cancel and retry tasks")
                .contains("note   it does not grant: other projects' data, minting agents, users, memberships or "
                        + "projects, the audit log")
                .doesNotContain("celery-99");
        assertThat(world.wiring().agents.authenticate(leaked.token())).isPresent();
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action LIKE 'agent.token.r%'")).isZero();

        Z4jProcess.Result fixed = playbook(0, "leaked-token", "--agent", "weather-agent", "--yes");
        assertThat(fixed.stdout())
                .contains("run    z4j agents revoke " + id + " --project payments")
                .contains("z4j agents revoke: revoked the credential of weather-agent (project payments, id " + id
                        + ")")
                .contains("run    z4j agents rotate " + id + " --project payments")
                .contains("z4j agents rotate: new credential for weather-agent (project payments, id " + id
                        + ", generation 2)")
                .contains("todo   put the new Z4J_TOKEN and Z4J_HMAC_SECRET above in weather-agent's configuration")
                .contains("z4j playbook leaked-token: every problem found was dealt with (1)");
        Matcher token = Pattern.compile("Z4J_TOKEN=(z4j_agent_[A-Za-z0-9_-]+)").matcher(fixed.stdout());
        assertThat(token.find()).isTrue();
        assertThat(world.wiring().agents.authenticate(leaked.token())).isEmpty();
        assertThat(world.wiring().agents.authenticate(token.group(1))).hasValueSatisfying(principal ->
                assertThat(principal.agentId()).isEqualTo(leaked.agent().id()));
        assertThat(world.wiring().agents.authenticate(other.token())).isPresent();
        assertThat(world.count("SELECT count(*) FROM audit_log WHERE action IN ('agent.token.revoked', "
                + "'agent.token.rotated') AND actor_type = 'cli' AND target_id = '" + id + "'")).isEqualTo(2);
        assertThat(ok(world.z4j, "audit", "verify").stdout()).contains("chain intact");
    }

    @Test
    void leaked_token_of_an_unknown_agent_is_one_line_and_exit_1() {
        Z4jProcess.Result result = world.z4j.run("playbook", "leaked-token", "--agent", "ghost", "--yes");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("z4j playbook leaked-token: no agent named or with id 'ghost' (see z4j "
                + "agents list)").doesNotContain("\tat ");
    }

    @Test
    void audit_tampered_on_an_intact_chain_says_so_and_stops() {
        Z4jProcess.Result result = playbook(0, "audit-tampered");
        assertThat(result.stdout()).containsPattern("z4j audit verify: OK \\(walked \\d+ rows, chain intact\\)")
                .contains("ok     the chain is intact")
                .contains("z4j playbook audit-tampered: no problem found")
                .doesNotContain("Step 2");
    }
}
