package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.system.SqliteFiles;
import dev.z4j.adapter.jdbc.testing.SmallFileSystem;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Z4jProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite disk fills up under a running brain (a small tmpfs): it keeps serving reads, refuses writes with 503
 * {@code storage_full} and a log line naming the disk, takes writes again once space is freed, and the database is
 * sound afterwards.
 */
class DiskFullProcessTest {

    /** Far more sign-in rows than the log of a fresh brain has room for. */
    private static final int MAX_WRITES_BEFORE_FULL = 300;

    @TempDir
    Path tmp;

    @Test
    void a_full_disk_refuses_writes_keeps_reads_and_recovers() throws Exception {
        try (SmallFileSystem disk = SmallFileSystem.mount(tmp, 16 * 1024)) {
            Path home = OpsHomes.migrated(disk.path().resolve("home"));
            int port = Z4jProcess.freePort();
            try (Z4jProcess.Running serve = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                    .env("Z4J_ARGON2_MEMORY_KIB", "1024").env("Z4J_ARGON2_ITERATIONS", "1")
                    .env("Z4J_LOGIN_LOCKOUT_THRESHOLD", "1000").start("serve")) {
                Z4jProcess.await("ready", Duration.ofSeconds(30),
                        () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
                assertThat(failedLogin(port).statusCode()).as("a failed sign-in is written").isEqualTo(401);

                Path filler = disk.fillLeaving(0);
                // Writes go on into the space the write-ahead log already holds (the background checkpoint lets
                // SQLite reuse it); once that is used up, the full disk refuses them.
                HttpResponse<String> refused = failedLogin(port);
                for (int attempt = 0; refused.statusCode() == 401 && attempt < MAX_WRITES_BEFORE_FULL; attempt++) {
                    refused = failedLogin(port);
                }
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.body()).contains("\"error\":\"storage_full\"");
                Z4jProcess.await("a log line naming the disk", Duration.ofSeconds(5), () -> serve.stderr()
                        .contains("the disk holding " + home.resolve("z4j.db") + " is full ("));
                assertThat(Http.get(port, "/api/v1/health/ready").statusCode()).as("reads go on").isEqualTo(200);
                assertThat(Http.get(port, "/api/v1/setup/status").statusCode()).isEqualTo(200);

                Files.delete(filler);
                assertThat(failedLogin(port).statusCode()).as("writes resume once space is freed").isEqualTo(401);
                serve.terminate();
                assertThat(serve.await(Duration.ofSeconds(30)).exitCode()).isZero();
            }
            assertThat(SqliteFiles.integrityProblems(home.resolve("z4j.db"))).isEmpty();
        }
    }

    private static HttpResponse<String> failedLogin(int port) {
        return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"nobody@example.test\",\"password\":\"not-the-password\"}"))
                .build());
    }
}
