package dev.z4j.app;

import static dev.z4j.app.OpsHomes.fails;
import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.SchemaVersions;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.domain.support.Checksums;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j drill} and {@code z4j audit evidence} through the real process. */
class DrillEvidenceProcessTest {

    /** Migrating a database at schema 2 (what OpsHomes.atVersion makes) applies these, up to this version. */
    static final String LATEST = SchemaVersions.latest();
    static final String AFTER_2 = SchemaVersions.after("2");
    static final int COUNT_AFTER_2 = SchemaVersions.countAfter("2");

    @TempDir
    Path tmp;

    /** The child JVM's temporary directory, so the test sees the drill's scratch home come and go. */
    private Z4jProcess inHome(Path home, Path scratch) {
        return Z4jProcess.inHome(home).env("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + scratch);
    }

    @Test
    void a_drill_on_a_good_backup_passes_every_step_and_touches_nothing() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Z4jProcess z4j = inHome(home, scratch);
        Path backup = BackupRestoreProcessTest.backupPath(ok(z4j, "backup"));
        Map<String, String> before = OpsHomes.snapshot(home);

        Z4jProcess.Result drill = ok(z4j, "drill", backup.toString());
        assertThat(drill.stdout()).startsWith("z4j drill: " + backup + "\n")
                .contains("  checksum      PASS  sha256 " + Checksums.sha256(backup) + " matches "
                                + backup.getFileName() + ".sha256\n",
                        "  integrity     PASS  SQLite integrity check ok\n",
                        "  z4j database  PASS  ",
                        "  schema        PASS  version " + LATEST + ", current\n",
                        "  migrate       PASS  nothing to apply\n",
                        "  check         PASS  database, schema, disk, audit ok\n",
                        "  status        PASS  schema " + LATEST
                                + "; users 0, projects 0, agents 0, tasks 0, events 0, audit_log 1\n",
                        "  audit verify  PASS  OK (walked 1 rows, chain intact)\n")
                .endsWith("z4j drill: PASS (the scratch copy is removed; nothing else was touched)\n");
        assertThat(OpsHomes.snapshot(home)).isEqualTo(before);
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("z4j-drill-"))).isEmpty();
        }
    }

    @Test
    void a_drill_migrates_an_older_backup_and_fails_a_corrupt_one() throws Exception {
        Path old = OpsHomes.atVersion(tmp.resolve("old-home"), "2");
        Path oldBackup = BackupRestoreProcessTest.backupPath(ok(Z4jProcess.inHome(old), "backup"));
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Z4jProcess z4j = inHome(home, Files.createDirectories(tmp.resolve("scratch")));

        assertThat(ok(z4j, "drill", oldBackup.toString()).stdout()).contains(
                "  schema        PASS  version 2, " + COUNT_AFTER_2 + " migration(s) to apply (" + AFTER_2 + ")\n",
                "  migrate       PASS  applied " + AFTER_2 + "\n", "z4j drill: PASS");

        Path corrupt = Files.copy(oldBackup, tmp.resolve("corrupt.db"));
        try (RandomAccessFile file = new RandomAccessFile(corrupt.toFile(), "rw")) {
            file.seek(4096 * 2);
            file.write(new byte[4096 * 3]);
        }
        Z4jProcess.Result failed = fails(1, z4j, "drill", corrupt.toString());
        assertThat(failed.stdout()).contains("  integrity  FAIL  " + corrupt + " fails SQLite's integrity check: ")
                .endsWith("z4j drill: FAIL (the scratch copy is removed; nothing else was touched)\n");
    }

    @Test
    void evidence_copies_the_live_files_byte_for_byte_with_a_manifest_that_matches() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Files.writeString(home.resolve("allowed-hosts"), "tasks.example.com\n");
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_PREVIOUS_SECRETS", "an-older-secret-that-is-at-least-32-bytes-long");
        Path evidence = tmp.resolve("evidence");
        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            Z4jProcess.Result collected = ok(z4j, "audit", "evidence", "--output", evidence.toString());
            assertThat(collected.stdout()).contains("z4j audit evidence: " + evidence,
                    "note: a brain was running (z4j.lock held by pid " + serve.pid() + ")", "sha256sum -c SHA256SUMS");
            serve.terminate();
            serve.await(Duration.ofSeconds(30));
        }

        List<String> sums = Files.readAllLines(evidence.resolve("SHA256SUMS"), StandardCharsets.UTF_8);
        assertThat(sums).extracting(line -> line.substring(66)).contains("z4j.db", "z4j.db-wal", "z4j.db-shm",
                "secret.env", "allowed-hosts", "secrets-in-effect.env");
        for (String line : sums) {
            Path copy = evidence.resolve(line.substring(66));
            assertThat(Checksums.sha256(copy)).as(line).isEqualTo(line.substring(0, 64));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        }
        assertThat(evidence.resolve("secret.env")).hasSameBinaryContentAs(home.resolve("secret.env"));
        assertThat(evidence.resolve("secrets-in-effect.env")).content()
                .contains("Z4J_PREVIOUS_SECRETS=an-older-secret-that-is-at-least-32-bytes-long")
                .doesNotContain("Z4J_SECRET=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(evidence))).isEqualTo("rwx------");
        String manifest = Files.readString(evidence.resolve("MANIFEST.txt"));
        assertThat(manifest).contains("collected_at: ", "home: " + home, "database: sqlite " + home.resolve("z4j.db"),
                "secret key ids: current ", ", previous ");
        for (String line : sums) {
            assertThat(manifest).contains(line.substring(0, 64) + "  ");
        }
        assertThat(fails(2, z4j, "audit", "evidence", "--output", evidence.toString()).stderr())
                .contains("exists already; evidence goes into a new directory");
    }
}
