package dev.z4j.app;

import static dev.z4j.app.OpsHomes.fails;
import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.system.SqliteFiles;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.SchemaVersions;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.domain.support.Checksums;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j migrate}, its history and current views, and migrations at boot, through the real process. */
class MigrateProcessTest {

    /** Migrating a database at schema 2 (what OpsHomes.atVersion makes) applies these, up to this version. */
    static final String LATEST = SchemaVersions.latest();
    static final String AFTER_2 = SchemaVersions.after("2");
    static final int COUNT_AFTER_2 = SchemaVersions.countAfter("2");

    @TempDir
    Path tmp;

    @Test
    void migrate_backs_up_an_older_database_first_and_the_views_show_before_and_after() {
        Path home = OpsHomes.atVersion(tmp.resolve("home"), "2");
        Z4jProcess z4j = Z4jProcess.inHome(home);

        assertThat(ok(z4j, "migrate", "current").stdout())
                .isEqualTo("z4j migrate current: schema version 2, " + COUNT_AFTER_2 + " pending (" + AFTER_2
                        + "): run `z4j migrate`\n");
        assertThat(ok(z4j, "migrate", "history").stdout()).containsPattern(
                "  version   state    installed at             description\n"
                        + "  1         applied  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  system foundation\n"
                        + "  2         applied  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  audit log\n"
                        + "  3         pending  -                        identity\n"
                        + "  4         pending  -                        agents\n");
        assertThat(fails(1, z4j, "check").stdout())
                .contains("FAIL: " + COUNT_AFTER_2 + " pending migrations (" + AFTER_2
                        + "), schema at 2; run `z4j migrate`");

        Z4jProcess.Result migrated = ok(z4j, "migrate");
        Path backup = home.resolve("backups/z4j-pre-migrate-" + LATEST + ".db");
        assertThat(migrated.stdout()).isEqualTo("z4j migrate: backed up to " + backup + " (sha256 "
                + Checksums.sha256(backup) + ")\nz4j migrate: applied " + AFTER_2 + "; schema at version " + LATEST
                + "\n");
        assertThat(SqliteFiles.integrityProblems(backup)).isEmpty();
        assertThat(OpsHomes.queryLong(backup, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history"))
                .isEqualTo(2);
        assertThat(Checksums.expectedFromSidecar(backup)).contains(Checksums.sha256(backup));

        assertThat(ok(z4j, "migrate", "current").stdout())
                .isEqualTo("z4j migrate current: schema version " + LATEST + ", current (nothing pending)\n");
        assertThat(ok(z4j, "migrate").stdout())
                .isEqualTo("z4j migrate: schema at version " + LATEST + ", nothing to apply\n");
        assertThat(ok(z4j, "status").stdout()).as("a pre-migration copy is not a regular backup")
                .contains("last backup            none recorded (run `z4j backup`)");
        assertThat(ok(z4j, "audit", "search", "--action", "system.migrate").stdout()).contains("system.migrate");
    }

    @Test
    void serve_backs_up_before_applying_migrations_to_an_older_database() {
        Path home = OpsHomes.atVersion(tmp.resolve("home"), "2");
        int port = Z4jProcess.freePort();
        try (Z4jProcess.Running serve = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                .start("serve")) {
            Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            assertThat(serve.stderr()).contains("backed up the database before migrating: "
                    + home.resolve("backups/z4j-pre-migrate-" + LATEST + ".db"),
                    "applied migrations [" + AFTER_2 + "]");
            serve.terminate();
            serve.await(Duration.ofSeconds(30));
        }
        assertThat(home.resolve("backups/z4j-pre-migrate-" + LATEST + ".db")).exists();
    }

    @Test
    void without_auto_migrate_the_brain_waits_for_z4j_migrate_which_runs_beside_it() {
        Path home = OpsHomes.atVersion(tmp.resolve("home"), "2");
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_AUTO_MIGRATE", "false");
        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("listening", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health") == 200);
            assertThat(Http.get(port, "/api/v1/health/ready").statusCode()).isEqualTo(503);
            assertThat(Http.get(port, "/api/v1/health/ready").body()).contains("\"error\":\"schema_pending\"");
            assertThat(serve.stderr()).contains("migration 3 is pending; Z4J_AUTO_MIGRATE=false");

            ok(z4j, "migrate");
            Z4jProcess.await("ready after z4j migrate", Duration.ofSeconds(10),
                    () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            serve.terminate();
            serve.await(Duration.ofSeconds(30));
        }
    }

    @Test
    void a_failed_migration_at_boot_names_the_version_the_cause_and_the_way_on_and_changes_nothing() throws Exception {
        Path home = OpsHomes.atVersion(tmp.resolve("home"), "2");
        OpsHomes.execute(home.resolve("z4j.db"), "CREATE TABLE users (note TEXT)");
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(Z4jProcess.freePort()));

        Z4jProcess.Result result = fails(2, z4j, "serve");
        assertThat(result.stderr()).contains("z4j serve: migration V3 (identity) failed: ", "users",
                "; the database is unchanged (pending migrations run in one transaction). Fix the cause and start "
                        + "again, or start with Z4J_AUTO_MIGRATE=false and inspect with `z4j migrate history` and "
                        + "`z4j migrate current`");
        assertThat(OpsHomes.queryLong(home.resolve("z4j.db"),
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('projects', 'memberships', 'sessions')")).isZero();
        assertThat(ok(z4j, "migrate", "current").stdout())
                .contains("schema version 2, " + COUNT_AFTER_2 + " pending (" + AFTER_2 + ")");
        assertThat(home.resolve("backups/z4j-pre-migrate-" + LATEST + ".db")).exists();

        assertThat(fails(2, z4j, "serve").stderr()).contains("z4j serve: migration V3 (identity) failed: ");
        Z4jProcess.Result again = fails(1, z4j, "migrate");
        assertThat(again.stderr()).contains("z4j migrate: migration V3 (identity) failed: ",
                "; the database is unchanged (pending migrations run in one transaction)");
        try (java.util.stream.Stream<Path> copies = java.nio.file.Files.list(home.resolve("backups"))) {
            assertThat(copies.map(p -> p.getFileName().toString()))
                    .as("three failed attempts on an unchanged database keep one copy")
                    .containsExactlyInAnyOrder("z4j-pre-migrate-" + LATEST + ".db",
                            "z4j-pre-migrate-" + LATEST + ".db.sha256");
        }
    }
}
