package dev.z4j.app;

import static dev.z4j.app.OpsHomes.fails;
import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.SchemaVersions;
import dev.z4j.app.testing.Z4jProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j doctor}: the checks, then what will hurt later; warnings never change the exit code. */
class DoctorProcessTest {

    /** Migrating a database at schema 2 (what OpsHomes.atVersion makes) applies these, up to this version. */
    static final String LATEST = SchemaVersions.latest();
    static final String AFTER_2 = SchemaVersions.after("2");
    static final int COUNT_AFTER_2 = SchemaVersions.countAfter("2");

    @TempDir
    Path tmp;

    @Test
    void warnings_name_each_risk_and_go_away_when_it_is_fixed() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        Files.setPosixFilePermissions(home.resolve("secret.env"), PosixFilePermissions.fromString("rw-r--r--"));
        OpsHomes.execute(home.resolve("z4j.db"), "INSERT INTO users (id, email, display_name, password_hash, is_owner, "
                + "is_active, password_changed_at, created_at, updated_at) VALUES ('u1', 'owner@example.com', 'Owner', "
                + "'x', 1, 1, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')");
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_HOST", "0.0.0.0");

        Z4jProcess.Result doctor = ok(z4j, "doctor");
        assertThat(doctor.stdout()).contains("z4j check: all checks passed\nz4j doctor: 5 warnings\n",
                "  1. dev mode with Z4J_BIND_HOST=0.0.0.0: `z4j serve` refuses to listen beyond loopback",
                "  2. " + home.resolve("secret.env") + " is readable by others (mode rw-r--r--): chmod 600 it",
                "  3. only one active owner: ", "  4. no backup recorded: run `z4j backup`",
                "  5. the audit chain has never been verified: run `z4j audit verify`");

        Files.setPosixFilePermissions(home.resolve("secret.env"), PosixFilePermissions.fromString("rw-------"));
        ok(z4j, "backup");
        ok(z4j, "audit", "verify");
        assertThat(ok(z4j.env("Z4J_BIND_HOST", null), "doctor").stdout())
                .contains("z4j doctor: 1 warning\n  1. only one active owner: ");
    }

    @Test
    void a_failing_check_fails_the_doctor_too() {
        Path home = OpsHomes.atVersion(tmp.resolve("home"), "2");
        Z4jProcess.Result doctor = fails(1, Z4jProcess.inHome(home), "doctor");
        assertThat(doctor.stdout()).contains("schema         FAIL: " + COUNT_AFTER_2 + " pending migrations ("
                        + AFTER_2 + ")",
                "audit          FAIL: not checked until the schema is current", "z4j check: 2 checks failed",
                "z4j doctor: ");
    }
}
