package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.system.Home;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Z4jProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code z4j serve} on an empty home: first boot, operator commands beside it, and a graceful stop. */
class ServeProcessTest {

    @TempDir
    Path tmp;

    @Test
    void first_boot_on_an_empty_home_serves_and_stops_gracefully_on_sigterm() {
        Path home = tmp.resolve("home");
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port));

        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("health 200 within the start-up budget", Duration.ofSeconds(30),
                    () -> Http.statusOf(port, "/api/v1/health") == 200);

            assertThat(Http.get(port, "/api/v1/health").body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(Http.get(port, "/api/v1/health/ready").statusCode()).isEqualTo(200);
            assertThat(serve.stderr()).contains("z4j first-boot setup")
                    .containsPattern("http://localhost:" + port + "/setup\\?token=[A-Za-z0-9_-]{43}");
            assertThat(PosixFilePermissions.toString(posix(home.resolve("secret.env")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(posix(home))).isEqualTo("rwx------");
            assertThat(home.resolve("z4j.db")).exists();
            assertThat(HomeLock.isHeld(new Home(home))).isTrue();
            assertThat(HomeLock.holderPid(new Home(home))).contains(serve.pid());

            Z4jProcess.Result check = z4j.run("check");
            assertThat(check.exitCode()).as(check.toString()).isZero();
            assertThat(check.stdout()).contains("database", "schema", "ok (version ", "z4j check: all checks passed");

            Z4jProcess.Result status = z4j.run("status");
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.stdout()).contains("z4j status", "environment            dev",
                    "sqlite " + home.resolve("z4j.db"), "(current)");

            serve.terminate();
            Z4jProcess.Result stopped = serve.await(Duration.ofSeconds(30));
            assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
            assertThat(stopped.stderr()).as(stopped.toString()).contains("stopped");
            assertThat(HomeLock.isHeld(new Home(home))).isFalse();
            assertThat(Http.statusOf(port, "/api/v1/health")).isEqualTo(-1);
        }
    }

    @Test
    void a_second_start_applies_no_migration_and_keeps_the_secrets() throws Exception {
        Path home = tmp.resolve("home");
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port));
        for (int start = 1; start <= 2; start++) {
            String secretsBefore = Files.exists(home.resolve("secret.env")) ? Files.readString(home.resolve("secret.env")) : null;
            try (Z4jProcess.Running serve = z4j.start("serve")) {
                Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
                serve.terminate();
                Z4jProcess.Result result = serve.await(Duration.ofSeconds(30));
                if (start == 1) {
                    assertThat(result.stderr()).contains("applied migrations [1");
                } else {
                    assertThat(result.stderr()).doesNotContain("applied migrations").doesNotContain("minted Z4J_SECRET");
                    assertThat(Files.readString(home.resolve("secret.env"))).isEqualTo(secretsBefore);
                }
            }
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> posix(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
