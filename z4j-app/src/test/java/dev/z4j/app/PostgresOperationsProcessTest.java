package dev.z4j.app;

import static dev.z4j.app.OpsHomes.fails;
import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.SystemPostgres;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.app.testing.SchemaVersions;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.domain.support.Checksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup, drill, restore and migrate on PostgreSQL, through the real process. */
class PostgresOperationsProcessTest {

    /** Migrating a database at schema 2 (what OpsHomes.atVersion makes) applies these, up to this version. */
    static final String LATEST = SchemaVersions.latest();
    static final String AFTER_2 = SchemaVersions.after("2");
    static final int COUNT_AFTER_2 = SchemaVersions.countAfter("2");

    @TempDir
    Path tmp;

    @Test
    void backup_drill_and_restore_with_a_matching_pg_dump() throws Exception {
        try (SystemPostgres server = SystemPostgres.start()) {
            String url = server.newDatabaseUrl("z4j");
            Z4jProcess z4j = Z4jProcess.inHome(OpsHomes.withSecrets(tmp.resolve("home"))).env("Z4J_DATABASE_URL", url);
            ok(z4j, "migrate");
            execute(url, "INSERT INTO z4j_meta (key, value, updated_at) VALUES ('probe.before', 'x', now())");

            Z4jProcess.Result backup = ok(z4j, "backup");
            Matcher m = Pattern.compile("z4j backup: (\\S+)\\n").matcher(backup.stdout());
            assertThat(m.find()).isTrue();
            Path archive = Path.of(m.group(1));
            assertThat(archive.getFileName().toString()).matches("z4j-\\d{4}-\\d{2}-\\d{2}\\.dump");
            assertThat(Checksums.expectedFromSidecar(archive)).contains(Checksums.sha256(archive));

            Z4jProcess.Result drill = ok(z4j, "drill", archive.toString());
            assertThat(drill.stdout()).contains("  pg_restore    PASS  restored into scratch database z4j_drill_",
                    "  schema        PASS  version " + LATEST + ", current", "  check         PASS  ",
                    "z4j drill: PASS");
            assertThat(databases(url)).noneMatch(name -> name.startsWith("z4j_drill_"));

            execute(url, "INSERT INTO z4j_meta (key, value, updated_at) VALUES ('probe.after', 'x', now())");
            try (Connection open = DriverManager.getConnection(jdbc(url), "postgres", null)) {
                assertThat(fails(1, z4j, "restore", archive.toString(), "--force").stderr())
                        .contains("session(s) are connected to z4j (", "): stop every brain first; nothing was changed");
            }
            Path notAnArchive = Files.writeString(tmp.resolve("notes.dump"), "hello");
            assertThat(fails(1, z4j, "restore", notAnArchive.toString(), "--force").stderr())
                    .contains("z4j restore: pg_restore failed (exit 1): ", "nothing was changed");

            Z4jProcess.Result restored = ok(z4j, "restore", archive.toString(), "--force");
            assertThat(restored.stdout()).contains("(matches its .sha256)", "replaced   kept as z4j_pre_restore_");
            assertThat(count(url, "SELECT COUNT(*) FROM z4j_meta WHERE key LIKE 'probe.%'")).isEqualTo(1);
            assertThat(databases(url)).anyMatch(name -> name.startsWith("z4j_pre_restore_"))
                    .noneMatch(name -> name.startsWith("z4j_restore_"));
            ok(z4j, "check");
        }
    }

    @Test
    void without_a_usable_pg_dump_backup_says_why_serve_refuses_to_migrate_and_migrate_needs_yes() {
        Optional<Integer> pgDump = SystemPostgres.pgDumpMajorVersion();
        assumeTrue(pgDump.isEmpty() || pgDump.get() < 17, "a pg_dump 17 on PATH can back up the embedded server");
        DatabaseUrl database = TestDatabases.postgresUrl();
        Flyway.configure().dataSource(database.jdbcUrl(), database.user().orElse(null), database.password().orElse(null))
                .locations("classpath:db/migration/postgresql").target("2").load().migrate();
        String url = "postgresql://" + database.user().orElseThrow() + ":" + database.password().orElseThrow() + "@"
                + database.location();
        Z4jProcess z4j = Z4jProcess.inHome(OpsHomes.withSecrets(tmp.resolve("home"))).env("Z4J_DATABASE_URL", url);

        assertThat(fails(1, z4j, "backup").stderr()).containsPattern("z4j backup: pg_dump (not found on PATH|\\d+ on "
                + "PATH \\(.*\\) cannot work with PostgreSQL 17)");
        assertThat(fails(2, z4j.env("Z4J_BIND_PORT", Integer.toString(Z4jProcess.freePort())), "serve").stderr())
                .contains("z4j serve: not migrating without a backup: " + COUNT_AFTER_2 + " migration(s) pending ("
                        + AFTER_2 + ") and no backup can be taken first: ", "then run `z4j migrate --yes`");
        assertThat(fails(1, z4j, "migrate").stderr()).contains("z4j migrate: " + COUNT_AFTER_2
                + " migration(s) pending (" + AFTER_2 + ") and no backup can be taken first: ",
                "Take a backup another way, then run `z4j migrate --yes`");
        assertThat(ok(z4j, "migrate", "--yes").stdout())
                .isEqualTo("z4j migrate: applied " + AFTER_2 + "; schema at version " + LATEST + "\n");
    }

    private static String jdbc(String url) {
        return DatabaseUrl.parse(Optional.of(url), Path.of(".")).jdbcUrl();
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc(url), "postgres", null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc(url), "postgres", null); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static java.util.List<String> databases(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc(url), "postgres", null); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT datname FROM pg_database")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
