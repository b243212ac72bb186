package dev.z4j.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.system.EnvFile;
import dev.z4j.app.system.Home;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.system.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j rotate-secret} through the real process, and what verification makes of the chain afterwards. */
class RotateSecretProcessTest {

    @TempDir
    Path tmp;

    @Test
    void rotation_keeps_the_chain_verifiable_with_the_old_secret_and_only_with_it() throws Exception {
        Path home = tmp.resolve("home");
        try (AuditFixture f = new AuditFixture("sqlite", home).record(10)) {
            EnvFile.writePrivate(home.resolve("secret.env"), "# minted by z4j serve\nZ4J_SECRET=" + AuditFixture.SECRET
                    + "\nZ4J_METRICS_AUTH_TOKEN=metrics-token\n");
            f.database.write(h -> h.execute("INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES "
                    + "('h', '2026-04-23 14:00:00.000000', '2999-01-01 00:00:00.000000')"));
            Z4jProcess z4j = f.z4j().env("Z4J_SECRET", null);
            String oldKey = Secret.ofText(AuditFixture.SECRET).keyId();

            Z4jProcess.Result declined = z4j.stdin("n\n").run("rotate-secret");
            assertThat(declined.exitCode()).as(declined.toString()).isEqualTo(1);
            assertThat(declined.stdout()).contains("(key " + oldKey + ")", "every agent credential stops working",
                    "every user session ends", "pending setup tokens and API tokens stop working",
                    "kept only to verify the audit rows it signed", "Rotate the secret now? [y/N]");
            assertThat(AuditFixture.ownLines(declined.stderr())).isEqualTo("z4j rotate-secret: cancelled; nothing changed\n");
            assertThat(EnvFile.read(home.resolve("secret.env"))).containsEntry("Z4J_SECRET", AuditFixture.SECRET);

            Z4jProcess.Result rotated = z4j.stdin("").run("rotate-secret", "--yes");
            assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
            assertThat(rotated.stdout()).contains("recorded as audit row 11 (system.secret_rotated)",
                    "invalidated 1 pending setup tokens");
            Map<String, String> secrets = EnvFile.read(home.resolve("secret.env"));
            String newSecret = secrets.get("Z4J_SECRET");
            assertThat(newSecret).isNotEqualTo(AuditFixture.SECRET).hasSizeGreaterThanOrEqualTo(64);
            assertThat(secrets).containsEntry("Z4J_PREVIOUS_SECRETS", AuditFixture.SECRET)
                    .containsEntry("Z4J_METRICS_AUTH_TOKEN", "metrics-token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.env"))))
                    .isEqualTo("rw-------");
            long tokens = f.database.read(h -> h.createQuery("SELECT COUNT(*) FROM setup_tokens").mapTo(Long.class).one());
            assertThat(tokens).isZero();

            for (int i = 0; i < 3; i++) {
                f.chain(newSecret, AuditFixture.SECRET).record(AuditEntry.of(Actor.system(), "after.rotation", "x", null));
            }
            Z4jProcess.Result verified = z4j.run("audit", "verify");
            assertThat(verified.stdout()).as(verified.toString())
                    .isEqualTo("z4j audit verify: OK (walked 14 rows, chain intact)\n");

            EnvFile.writePrivate(home.resolve("secret.env"), "Z4J_SECRET=" + newSecret + "\n");
            Z4jProcess.Result lost = z4j.run("audit", "verify");
            assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(1);
            assertThat(lost.stdout()).isEqualTo("z4j audit verify: UNVERIFIABLE (walked 14 rows, links intact, 11 rows "
                    + "signed by a key this brain does not hold)\n"
                    + "  rows 1-11 (11): unverifiable with the current secret (key " + oldKey + ")\n"
                    + "  to verify them, pass the old secret in Z4J_PREVIOUS_SECRETS or with --previous-secret-file\n");

            Path oldSecretEnv = tmp.resolve("old-secret.env");
            Files.writeString(oldSecretEnv, "Z4J_SECRET=" + AuditFixture.SECRET + "\n");
            Z4jProcess.Result withFile = z4j.run("audit", "verify", "--previous-secret-file", oldSecretEnv.toString());
            assertThat(withFile.stdout()).as(withFile.toString())
                    .isEqualTo("z4j audit verify: OK (walked 14 rows, chain intact)\n");
            Z4jProcess.Result withEnv = z4j.env("Z4J_PREVIOUS_SECRETS", AuditFixture.SECRET).run("audit", "verify");
            assertThat(withEnv.exitCode()).as(withEnv.toString()).isZero();
        }
    }

    @Test
    void rotation_is_refused_while_a_brain_runs_or_when_the_secret_is_not_in_secret_env() {
        Path home = tmp.resolve("home");
        try (AuditFixture f = new AuditFixture("sqlite", home).record(1)) {
            Z4jProcess.Result fromEnv = f.z4j().run("rotate-secret", "--yes");
            assertThat(fromEnv.exitCode()).isEqualTo(2);
            assertThat(AuditFixture.ownLines(fromEnv.stderr())).startsWith("z4j rotate-secret: Z4J_SECRET comes from the process environment,")
                    .hasLineCount(1);

            EnvFile.writePrivate(home.resolve("secret.env"), "Z4J_SECRET=" + AuditFixture.SECRET + "\n");
            try (HomeLock lock = HomeLock.acquire(new Home(home))) {
                Z4jProcess.Result running = f.z4j().env("Z4J_SECRET", null).run("rotate-secret", "--yes");
                assertThat(running.exitCode()).isEqualTo(2);
                assertThat(AuditFixture.ownLines(running.stderr())).startsWith("z4j rotate-secret: a brain is running on " + home)
                        .contains("stop it first");
            }
            assertThat(EnvFile.read(home.resolve("secret.env"))).containsOnlyKeys("Z4J_SECRET");
        }
    }
}
