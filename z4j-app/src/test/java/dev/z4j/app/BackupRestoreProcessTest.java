package dev.z4j.app;

import static dev.z4j.app.OpsHomes.fails;
import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.system.SqliteFiles;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.SchemaVersions;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.domain.support.Checksums;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j backup} and {@code z4j restore} through the real process, on SQLite. */
class BackupRestoreProcessTest {

    /** Migrating a database at schema 2 (what OpsHomes.atVersion makes) applies these, up to this version. */
    static final String LATEST = SchemaVersions.latest();
    static final String AFTER_2 = SchemaVersions.after("2");
    static final int COUNT_AFTER_2 = SchemaVersions.countAfter("2");

    private static final Pattern BACKUP_LINE = Pattern.compile("z4j backup: (\\S+)\\n");

    @TempDir
    Path tmp;

    static Path backupPath(Z4jProcess.Result result) {
        Matcher m = BACKUP_LINE.matcher(result.stdout());
        assertThat(m.find()).as(result.toString()).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void a_backup_taken_while_the_brain_serves_and_writes_verifies_restores_and_passes_check_and_status()
            throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Path live = home.resolve("z4j.db");
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Path backup;
        long probesInBackup;
        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            Thread writer = new Thread(() -> write(live, writing, written));
            writer.start();
            Z4jProcess.await("writes under way", Duration.ofSeconds(30), () -> written.get() > 50);

            Z4jProcess.Result first = ok(z4j, "backup");
            Z4jProcess.Result second = ok(z4j, "backup");
            writing.set(false);
            writer.join();

            backup = backupPath(first);
            assertThat(backup).isEqualTo(home.resolve("backups").resolve(backup.getFileName()));
            assertThat(backup.getFileName().toString()).matches("z4j-\\d{4}-\\d{2}-\\d{2}\\.db");
            assertThat(backupPath(second).getFileName().toString()).matches("z4j-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.db");
            String sha256 = Checksums.sha256(backup);
            assertThat(first.stdout()).contains("  sha256   " + sha256, "  size     ", "secret.env off this host");
            assertThat(Checksums.sidecarOf(backup)).hasContent(sha256 + "  " + backup.getFileName());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
            assertThat(SqliteFiles.integrityProblems(backup)).isEmpty();
            probesInBackup = OpsHomes.queryLong(backup, "SELECT COUNT(*) FROM z4j_meta WHERE key LIKE 'probe.%'");
            assertThat(probesInBackup).isPositive().isLessThanOrEqualTo(written.get());

            Object inodeBefore = Files.readAttributes(live, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            Z4jProcess.Result refused = fails(1, z4j, "restore", backup.toString(), "--force");
            assertThat(refused.stderr()).contains("z4j restore: a brain is running on " + home
                    + " (z4j.lock held by pid " + serve.pid() + "): stop the brain first");
            assertThat(Files.readAttributes(live, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                    .isEqualTo(inodeBefore);
            assertThat(preRestoreCopies(home)).isEmpty();

            serve.terminate();
            assertThat(serve.await(Duration.ofSeconds(30)).exitCode()).isZero();
        }

        Z4jProcess.Result restored = ok(z4j, "restore", backup.toString(), "--force");
        assertThat(restored.stdout()).contains("z4j restore: restored " + backup,
                "(matches its .sha256)", "replaced   kept as " + home.resolve("z4j.db.pre-restore-"),
                "run `z4j check` and `z4j status`");
        assertThat(preRestoreCopies(home)).hasSize(1);
        assertThat(OpsHomes.queryLong(preRestoreCopies(home).get(0),
                "SELECT COUNT(*) FROM z4j_meta WHERE key LIKE 'probe.%'")).isEqualTo(written.get());
        assertThat(OpsHomes.queryLong(live, "SELECT COUNT(*) FROM z4j_meta WHERE key LIKE 'probe.%'"))
                .isEqualTo(probesInBackup);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.contains(".restore-") || name.equals("z4j.db-wal")
                            || name.equals("z4j.db-shm"));
        }
        assertThat(ok(z4j, "check").stdout()).containsPattern("audit +ok \\(head at row \\d+, key [0-9a-f]{16}\\)");
        Z4jProcess.Result status = ok(z4j, "status");
        assertThat(status.stdout()).contains("schema                 version " + LATEST + " (current)");
        assertThat(ok(z4j, "audit", "verify").stdout()).matches("z4j audit verify: OK \\(walked \\d+ rows, chain "
                + "intact\\)\n");
        assertThat(ok(z4j, "audit", "search", "--action", "system.restore").stdout()).contains("system.restore");
    }

    @Test
    void a_bad_backup_is_refused_with_the_reason_and_nothing_changes() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Z4jProcess z4j = Z4jProcess.inHome(home);
        Path good = backupPath(ok(z4j, "backup"));
        Map<String, String> before = OpsHomes.snapshot(home);

        assertThat(fails(2, z4j, "restore", good.toString()).stderr()).contains(
                "z4j restore: restore replaces the live database: stop the brain, then re-run with --force");
        assertThat(fails(2, z4j, "restore", tmp.resolve("nope.db").toString(), "--force").stderr())
                .contains("z4j restore: no such file: " + tmp.resolve("nope.db"));

        Path text = Files.writeString(tmp.resolve("notes.db"), "not a database at all");
        assertThat(fails(1, z4j, "restore", text.toString(), "--force").stderr()).contains("z4j restore: " + text
                + " is not a SQLite database (no SQLite header; a PostgreSQL backup needs Z4J_DATABASE_URL pointing at "
                + "PostgreSQL); nothing was changed");

        Path corrupt = copyWithoutSidecar(good, "corrupt.db");
        try (RandomAccessFile file = new RandomAccessFile(corrupt.toFile(), "rw")) {
            file.seek(4096 * 3);
            file.write(new byte[4096 * 4]);
        }
        assertThat(fails(1, z4j, "restore", corrupt.toString(), "--force").stderr())
                .contains("z4j restore: " + corrupt + " fails SQLite's integrity check: ", "; nothing was changed");

        Path tampered = copyWithoutSidecar(good, "tampered.db");
        Files.writeString(Checksums.sidecarOf(tampered), "0".repeat(64) + "  tampered.db\n");
        assertThat(fails(1, z4j, "restore", tampered.toString(), "--force").stderr())
                .contains("z4j restore: tampered.db.sha256 says 000000000000... but the file hashes to "
                        + Checksums.sha256(good).substring(0, 12) + "...: the backup is damaged or was changed; "
                        + "nothing was changed");

        Path newer = copyWithoutSidecar(good, "newer.db");
        OpsHomes.execute(newer, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                + "script, checksum, installed_by, installed_on, execution_time, success) VALUES (99, '99', 'future', "
                + "'SQL', 'V99__future.sql', 0, 'z4j', '2030-01-01 00:00:00', 1, 1)");
        assertThat(fails(1, z4j, "restore", newer.toString(), "--force").stderr()).contains("z4j restore: " + newer
                + " has schema version 99, newer than this z4j knows (" + LATEST
                + "): use the z4j that wrote it; nothing was changed");

        Path tamperedAudit = copyWithoutSidecar(good, "tampered-audit.db");
        OpsHomes.execute(tamperedAudit, "DROP TRIGGER audit_log_no_update",
                "UPDATE audit_log SET action = 'system.nothing_to_see' WHERE seq = 1");
        assertThat(fails(1, z4j, "restore", tamperedAudit.toString(), "--force").stderr()).containsPattern(
                "z4j restore: the audit chain of " + Pattern.quote(tamperedAudit.toString()) + " does not verify with the "
                        + "current or previous secrets: FAIL at row 1 \\(audit_id=[0-9a-f-]{36}\\): expected row_hmac "
                        + "[0-9a-f]{6}\\.\\.\\., got [0-9a-f]{6}\\.\\.\\., first-broken-row timestamp [0-9T:-]+Z; nothing was "
                        + "changed");

        Path foreign = tmp.resolve("foreign.db");
        OpsHomes.execute(foreign, "CREATE TABLE orders (id INTEGER PRIMARY KEY)");
        assertThat(fails(1, z4j, "restore", foreign.toString(), "--force").stderr()).contains("z4j restore: "
                + foreign + " is not a z4j database (it has no flyway_schema_history / z4j_meta table); nothing was "
                + "changed");

        assertThat(OpsHomes.snapshot(home)).isEqualTo(before);
    }

    @Test
    void a_backup_signed_by_another_secret_restores_only_when_that_secret_is_a_previous_one() throws Exception {
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("secret.env"), "Z4J_SECRET=the-secret-of-another-install-0123456789abcdef\n");
        OpsHomes.migrated(other);
        Path backup = backupPath(ok(Z4jProcess.inHome(other), "backup"));
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Map<String, String> before = OpsHomes.snapshot(home);

        assertThat(fails(1, Z4jProcess.inHome(home), "restore", backup.toString(), "--force").stderr())
                .contains("does not verify with the current or previous secrets: UNVERIFIABLE (walked ",
                        "set Z4J_PREVIOUS_SECRETS to the secret that signed them; nothing was changed");
        assertThat(OpsHomes.snapshot(home)).isEqualTo(before);

        Z4jProcess withPrevious = Z4jProcess.inHome(home)
                .env("Z4J_PREVIOUS_SECRETS", "the-secret-of-another-install-0123456789abcdef");
        assertThat(ok(withPrevious, "restore", backup.toString(), "--force").stdout())
                .contains("  audit      OK (walked ");
        ok(withPrevious, "audit", "verify");
    }

    @Test
    void rotation_keeps_the_newest_dated_copies() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Path backups = Files.createDirectories(home.resolve("backups"));
        for (String old : List.of("z4j-2020-01-01.db", "z4j-2020-01-02.db", "z4j-2020-01-03.db")) {
            Files.writeString(backups.resolve(old), "old");
            Files.writeString(backups.resolve(old + ".sha256"), "x");
        }
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BACKUP_KEEP", "2");

        Z4jProcess.Result first = ok(z4j, "backup");
        assertThat(first.stdout()).contains("  rotated  removed z4j-2020-01-01.db", "  rotated  removed z4j-2020-01-02.db");
        Path newest = backupPath(ok(z4j, "backup"));

        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".db")))
                    .containsExactlyInAnyOrder(backupPath(first).getFileName().toString(),
                            newest.getFileName().toString());
        }
        Z4jProcess.Result status = ok(z4j, "status", "--json");
        assertThat(status.stdout()).contains("\"last_backup\":{\"taken_at\":\"", "\"file\":\"" + newest + "\"",
                "\"sha256\":\"" + Checksums.sha256(newest) + "\"", "\"agents_online\":0");
    }

    @Test
    void an_explicit_output_is_never_overwritten() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Path output = Files.writeString(tmp.resolve("mine.db"), "precious");

        Z4jProcess.Result result = fails(1, Z4jProcess.inHome(home), "backup", "--output", output.toString());
        assertThat(result.stderr()).contains("z4j backup: refusing to overwrite " + output + "; choose another --output");
        assertThat(output).hasContent("precious");
    }

    @Test
    void scheduled_backups_run_inside_the_brain() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_BACKUP_INTERVAL_SECONDS", "1").env("Z4J_BACKUP_KEEP", "2");
        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("two scheduled backups", Duration.ofSeconds(30),
                    () -> serve.stderr().split("scheduled backup written", -1).length > 3);
            assertThat(serve.stderr()).contains("scheduled backups every 1 s into " + home.resolve("backups")
                    + ", keeping 2");
            serve.terminate();
            serve.await(Duration.ofSeconds(30));
        }
        try (Stream<Path> files = Files.list(home.resolve("backups"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".db"))).hasSize(2)
                    .allSatisfy(p -> assertThat(SqliteFiles.integrityProblems(p)).isEmpty());
        }
    }

    private Path copyWithoutSidecar(Path backup, String name) throws Exception {
        return Files.copy(backup, tmp.resolve(name));
    }

    private static List<Path> preRestoreCopies(Path home) throws Exception {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.getFileName().toString().matches("z4j\\.db\\.pre-restore-\\d{8}T\\d{6}Z"))
                    .toList();
        }
    }

    /** Another writer on the live database (as agents streaming would be): one z4j_meta row per transaction. */
    private static void write(Path live, AtomicBoolean writing, AtomicLong written) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO z4j_meta (key, value, updated_at) VALUES (?, ?, '2026-01-01 00:00:00.000000')")) {
                while (writing.get()) {
                    long n = written.get() + 1;
                    insert.setString(1, "probe." + n);
                    insert.setString(2, "x".repeat(500));
                    insert.executeUpdate();
                    written.set(n);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
