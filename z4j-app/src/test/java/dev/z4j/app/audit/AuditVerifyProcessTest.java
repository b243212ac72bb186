package dev.z4j.app.audit;

import static dev.z4j.app.audit.AuditFixture.six;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.ports.audit.AuditRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code z4j audit verify} as an operator runs it, against real SQLite files and real PostgreSQL tables that an
 * attacker edited with the append-only triggers disabled: the exact lines and exit codes of SPEC §4.
 */
class AuditVerifyProcessTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_intact_chain_passes_and_edits_are_found_at_the_right_row(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(30)) {
            Z4jProcess.Result ok = f.z4j().run("audit", "verify");
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            assertThat(ok.stdout()).isEqualTo("z4j audit verify: OK (walked 30 rows, chain intact)\n");
            assertThat(AuditFixture.ownLines(ok.stderr())).isEmpty();
            assertThat(f.z4j().run("status").stdout()).containsPattern(
                    "audit verification +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: OK \\(walked 30 rows, chain intact\\)");
            assertThat(f.z4j().run("check").stdout()).containsPattern("audit +ok \\(head at row 30, key [0-9a-f]{16}\\)");

            AuditRecord row12 = f.row(12);
            f.attacker("UPDATE audit_log SET action = 'task.cancel' WHERE seq = 12");
            Z4jProcess.Result edited = f.z4j().run("audit", "verify");
            assertThat(edited.exitCode()).as(edited.toString()).isEqualTo(1);
            assertThat(edited.stdout().lines().toList()).hasSize(4);
            assertThat(edited.stdout()).startsWith("z4j audit verify: FAIL at row 12 (audit_id=" + row12.id() + ")\n")
                    .containsPattern("\n  expected row_hmac: [0-9a-f]{6}\\.\\.\\.\n")
                    .contains("\n  got row_hmac: " + six(row12.rowHmac()) + "\n")
                    .endsWith("\n  first-broken-row timestamp: 2026-04-23 14:22:11 UTC\n");
            assertThat(edited.stdout()).doesNotContain("expected row_hmac: " + six(row12.rowHmac()));
        }
    }

    /** The walk holds a few ranges whatever the chain's length; the password hasher's 64 MiB is not made to verify. */
    @Test
    void verify_runs_in_a_heap_smaller_than_the_default_password_hashing_memory() {
        try (AuditFixture f = new AuditFixture("sqlite", tmp.resolve("home")).record(3000)) {
            Z4jProcess.Result ok = f.z4j().env("Z4J_ARGON2_MEMORY_KIB", "65536").jvm("-Xmx40m")
                    .run("audit", "verify");
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            assertThat(ok.stdout()).isEqualTo("z4j audit verify: OK (walked 3000 rows, chain intact)\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_deleted_row_breaks_the_link_of_the_next_one(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(30)) {
            f.attacker("DELETE FROM audit_log WHERE seq = 12");
            Z4jProcess.Result result = f.z4j().run("audit", "verify");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stdout()).isEqualTo("z4j audit verify: FAIL at row 13 (audit_id=" + f.row(13).id() + ")\n"
                    + "  expected prev_hmac: " + six(f.row(11).rowHmac()) + "\n"
                    + "  got prev_hmac: " + six(f.row(12).rowHmac()) + "\n"
                    + "  first-broken-row timestamp: 2026-04-23 14:22:12 UTC\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_link_pointed_at_genesis_is_reported_as_the_seed_shows(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(30)) {
            f.attacker("DROP INDEX ux_audit_log_prev_row_hmac",
                    "UPDATE audit_log SET prev_row_hmac = '" + "0".repeat(64) + "' WHERE seq = 17");
            Z4jProcess.Result result = f.z4j().run("audit", "verify");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stdout()).isEqualTo("z4j audit verify: FAIL at row 17 (audit_id=" + f.row(17).id() + ")\n"
                    + "  expected prev_hmac: " + six(f.row(16).rowHmac()) + "\n"
                    + "  got prev_hmac: 000000...\n"
                    + "  first-broken-row timestamp: 2026-04-23 14:22:16 UTC\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void swapped_rows_and_a_replaced_row_hmac_fail_at_the_first_of_them(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(30)) {
            f.attacker("UPDATE audit_log SET seq = 1000 WHERE seq = 20", "UPDATE audit_log SET seq = 20 WHERE seq = 21",
                    "UPDATE audit_log SET seq = 21 WHERE seq = 1000");
            Z4jProcess.Result swapped = f.z4j().run("audit", "verify");
            assertThat(swapped.exitCode()).as(swapped.toString()).isEqualTo(1);
            assertThat(swapped.stdout()).isEqualTo("z4j audit verify: FAIL at row 20 (audit_id=" + f.row(21).id() + ")\n"
                    + "  expected prev_hmac: " + six(f.row(19).rowHmac()) + "\n"
                    + "  got prev_hmac: " + six(f.row(20).rowHmac()) + "\n"
                    + "  first-broken-row timestamp: 2026-04-23 14:22:20 UTC\n");

            String forged = "f".repeat(64);
            f.attacker("UPDATE audit_log SET row_hmac = '" + forged + "' WHERE seq = 5");
            Z4jProcess.Result replaced = f.z4j().run("audit", "verify");
            assertThat(replaced.stdout()).isEqualTo("z4j audit verify: FAIL at row 5 (audit_id=" + f.row(5).id() + ")\n"
                    + "  expected row_hmac: " + six(f.row(5).rowHmac()) + "\n"
                    + "  got row_hmac: ffffff...\n"
                    + "  first-broken-row timestamp: 2026-04-23 14:22:04 UTC\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void an_inserted_forged_row_fails_at_its_position(String kind) {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(30)) {
            AuditRecord template = f.row(8);
            f.attacker("DROP INDEX ux_audit_log_prev_row_hmac",
                    "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 8",
                    "UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000",
                    "INSERT INTO audit_log SELECT 8, '" + java.util.UUID.randomUUID() + "', occurred_at, actor_type,"
                            + " actor_id, project_id, 'agent.revoke', target_type, target_id, result, source_ip,"
                            + " user_agent, metadata, key_id, prev_row_hmac, row_hmac FROM audit_log WHERE seq = 9");
            Z4jProcess.Result result = f.z4j().run("audit", "verify", "--json");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stdout()).startsWith("{\"ok\":false,\"result\":\"broken\",\"summary\":\"z4j audit verify: "
                            + "FAIL at row 8 (audit_id=")
                    .contains("\"rows_walked\":8,", "\"first_broken_row\":{\"seq\":8,", "\"check\":\"row_hmac\"",
                            "\"got\":\"" + template.rowHmac() + "\"", "\"occurred_at\":\"2026-04-23T14:22:07Z\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_checkpoint_catches_a_truncated_tail_and_a_tail_rewritten_with_the_key(String kind) throws Exception {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(30)) {
            Path checkpoint = tmp.resolve("checkpoint.json");
            Z4jProcess.Result taken = f.z4j().run("audit", "checkpoint", "--output", checkpoint.toString());
            assertThat(taken.exitCode()).as(taken.toString()).isZero();
            assertThat(Files.readString(checkpoint)).contains("\"seq\":30", f.row(30).rowHmac());
            assertThat(f.z4j().run("audit", "checkpoint", "--output", checkpoint.toString()).exitCode()).isEqualTo(2);

            f.record(5);
            Z4jProcess.Result incremental = f.z4j().run("audit", "verify", "--from-checkpoint", checkpoint.toString());
            assertThat(incremental.stdout()).isEqualTo("z4j audit verify: OK (walked 6 rows, chain intact)\n");

            f.attacker("DELETE FROM audit_log WHERE seq >= 26");
            assertThat(f.z4j().run("audit", "verify").stdout())
                    .isEqualTo("z4j audit verify: OK (walked 25 rows, chain intact)\n");
            Z4jProcess.Result truncated = f.z4j().run("audit", "verify", "--from-checkpoint", checkpoint.toString());
            assertThat(truncated.exitCode()).as(truncated.toString()).isEqualTo(1);
            assertThat(truncated.stdout()).isEqualTo("z4j audit verify: FAIL at row 30 (audit_id=" + f.row(30).id() + ")\n"
                    + "  expected row_hmac: " + six(f.row(30).rowHmac()) + "\n"
                    + "  got row_hmac: missing\n"
                    + "  reason: the checkpoint's row is gone: the chain was truncated or rewritten after the "
                    + "checkpoint was taken\n"
                    + "  first-broken-row timestamp: 2026-04-23 14:22:29 UTC\n");

            f.chain(AuditFixture.SECRET).record(dev.z4j.ports.audit.AuditEntry.of(
                    dev.z4j.ports.audit.Actor.system(), "forged.history", "x", null));
            for (int i = 0; i < 6; i++) {
                f.chain(AuditFixture.SECRET).record(dev.z4j.ports.audit.AuditEntry.of(
                        dev.z4j.ports.audit.Actor.system(), "forged.history", "x", Integer.toString(i)));
            }
            assertThat(f.z4j().run("audit", "verify").stdout())
                    .isEqualTo("z4j audit verify: OK (walked 32 rows, chain intact)\n");
            Z4jProcess.Result rewritten = f.z4j().run("audit", "verify", "--from-checkpoint", checkpoint.toString());
            assertThat(rewritten.exitCode()).as(rewritten.toString()).isEqualTo(1);
            assertThat(rewritten.stdout()).startsWith("z4j audit verify: FAIL at row 30 (audit_id=")
                    .contains("  expected row_hmac: " + six(f.row(30).rowHmac()) + "\n",
                            "  reason: the row no longer matches the checkpoint: the chain was rewritten\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_forged_checkpoint_and_an_unreachable_database_are_usage_errors(String kind) throws Exception {
        try (AuditFixture f = new AuditFixture(kind, tmp.resolve("home")).record(3)) {
            Path checkpoint = tmp.resolve("cp.json");
            String document = f.z4j().run("audit", "checkpoint").stdout();
            Files.writeString(checkpoint, document.replace("\"seq\":3", "\"seq\":2"));
            Z4jProcess.Result forged = f.z4j().run("audit", "verify", "--from-checkpoint", checkpoint.toString());
            assertThat(forged.exitCode()).isEqualTo(2);
            assertThat(AuditFixture.ownLines(forged.stderr())).isEqualTo("z4j audit verify: checkpoint " + checkpoint + ": the checkpoint's "
                    + "signature does not verify: it was altered or not written by this installation\n");
            assertThat(forged.stdout()).isEmpty();
        }
        Z4jProcess.Result unreachable = Z4jProcess.inHome(tmp.resolve("nowhere"))
                .env("Z4J_SECRET", AuditFixture.SECRET)
                .env("Z4J_DATABASE_URL", "postgresql://z4j:pw@127.0.0.1:" + Z4jProcess.freePort() + "/z4j")
                .run("audit", "verify");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(AuditFixture.ownLines(unreachable.stderr())).startsWith("z4j audit verify: connection refused by PostgreSQL at 127.0.0.1:")
                .doesNotContain("pw").hasLineCount(1);
    }

    @org.junit.jupiter.api.Test
    void an_unmigrated_database_is_a_clear_usage_error() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Z4jProcess.Result result = Z4jProcess.inHome(home).env("Z4J_SECRET", AuditFixture.SECRET).run("audit", "verify");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(AuditFixture.ownLines(result.stderr())).startsWith("z4j audit verify: the database schema is not current (")
                .contains("run `z4j migrate`").hasLineCount(1);
    }
}
