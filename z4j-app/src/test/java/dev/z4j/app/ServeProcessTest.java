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

    @Test
    void json_logs_are_one_object_per_line_with_the_request_id_and_never_a_secret() throws Exception {
        Path home = tmp.resolve("home");
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_LOG_FORMAT", "json");
        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            serve.terminate();
            Z4jProcess.Result result = serve.await(Duration.ofSeconds(30));
            String secrets = Files.readString(home.resolve("secret.env"));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();
            for (String line : result.stderr().lines().filter(l -> l.startsWith("{")).toList()) {
                events.add(json.readTree(line));
            }
            assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.path("level").asText()).isNotEmpty());
            assertThat(events).anySatisfy(e -> {
                assertThat(e.path("formattedMessage").asText()).isEqualTo("GET /api/v1/health/ready 200 "
                        + e.path("formattedMessage").asText().replaceAll(".* ", ""));
                assertThat(e.path("mdc").path("request_id").asText()).matches("req_[0-9a-f]{16}");
            });
            for (String secretLine : secrets.lines().filter(l -> l.contains("=")).toList()) {
                assertThat(result.stderr()).doesNotContain(secretLine.substring(secretLine.indexOf('=') + 1));
            }
        }
    }

    @Test
    void debug_adds_the_stack_trace_to_a_failure() {
        Z4jProcess z4j = Z4jProcess.inHome(tmp.resolve("home")).env("Z4J_SECRET", "x".repeat(40))
                .env("Z4J_DATABASE_URL", "postgresql://u:p@127.0.0.1:" + Z4jProcess.freePort() + "/z4j");
        Z4jProcess.Result plain = z4j.run("status");
        Z4jProcess.Result debug = z4j.run("status", "--debug");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.stderr().lines().count()).isEqualTo(1);
        assertThat(plain.stderr()).startsWith("z4j status: connection refused by PostgreSQL at 127.0.0.1:");
        assertThat(debug.stderr()).contains("\tat ").contains("DatabaseUnavailableException");
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> posix(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
