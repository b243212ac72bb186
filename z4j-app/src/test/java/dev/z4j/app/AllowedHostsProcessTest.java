package dev.z4j.app;

import static dev.z4j.app.OpsHomes.fails;
import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.RawHttp;
import dev.z4j.app.testing.Z4jProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j allowed-hosts} round trip, and the brain accepting the persisted names after a restart. */
class AllowedHostsProcessTest {

    @TempDir
    Path tmp;

    @Test
    void names_are_validated_persisted_listed_removed_and_honoured_after_a_restart() throws Exception {
        Path home = OpsHomes.migrated(tmp.resolve("home"));
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port));

        assertThat(ok(z4j, "allowed-hosts", "path").stdout()).isEqualTo(home.resolve("allowed-hosts") + "\n");
        Z4jProcess.Result empty = ok(z4j, "allowed-hosts", "list");
        assertThat(empty.stdout()).isEmpty();
        assertThat(empty.stderr()).contains("(no hosts in " + home.resolve("allowed-hosts"));

        assertThat(fails(2, z4j, "allowed-hosts", "add", "ok.example.com", "https://tasks.example.com").stderr())
                .contains("z4j allowed-hosts add: 'https://tasks.example.com' is a URL; give the host name only "
                        + "(e.g. z4j.example.com); nothing was written");
        assertThat(fails(2, z4j, "allowed-hosts", "add", "tasks.example.com:8443").stderr())
                .contains("has a port; give the host without it");
        assertThat(fails(2, z4j, "allowed-hosts", "add", "*.example.com").stderr()).contains("wildcards are not supported");
        assertThat(fails(2, z4j, "allowed-hosts", "add", "bad_name.example.com").stderr())
                .contains("'bad_name.example.com' is not a valid host name");
        assertThat(fails(2, z4j, "allowed-hosts", "add", "300.1.1.1").stderr()).contains("not a valid IPv4 address");
        assertThat(home.resolve("allowed-hosts")).doesNotExist();

        Z4jProcess.Result added = ok(z4j, "allowed-hosts", "add", "Tasks.Example.com", "10.0.0.7", "fd00::7");
        assertThat(added.stdout()).contains("  added:   tasks.example.com\n", "  added:   10.0.0.7\n",
                "  added:   [fd00::7]\n", "Wrote " + home.resolve("allowed-hosts")
                        + ". The brain reads it when it starts: restart it for the change to take effect.");
        assertThat(ok(z4j, "allowed-hosts", "add", "tasks.example.com").stdout())
                .isEqualTo("  skipped: tasks.example.com (already present)\n");
        Files.writeString(home.resolve("allowed-hosts"), "# kept: the operator's own note\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(ok(z4j, "allowed-hosts", "list").stdout()).isEqualTo("tasks.example.com\n10.0.0.7\n[fd00::7]\n");

        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            assertThat(RawHttp.get(port, "/api/v1/health", "tasks.example.com").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "/api/v1/health", "10.0.0.7:" + port).status()).isEqualTo(200);
            RawHttp.Response rejected = RawHttp.get(port, "/api/v1/health", "evil.example.com");
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.body()).contains("\"error\":\"invalid_host\"").doesNotContain("evil.example.com");
            Z4jProcess.await("a log line naming the host", Duration.ofSeconds(5),
                    () -> serve.stderr().contains("rejected Host header 'evil.example.com'"));

            Z4jProcess.Result removed = ok(z4j, "allowed-hosts", "remove", "TASKS.example.com", "nope.example.com");
            assertThat(removed.stdout()).contains("  removed:   tasks.example.com\n", "  not found: nope.example.com\n",
                    "A brain is running (pid " + serve.pid() + ") with the old list: restart it");
            assertThat(RawHttp.get(port, "/api/v1/health", "tasks.example.com").status())
                    .as("the running brain keeps the list it started with").isEqualTo(200);
            serve.terminate();
            serve.await(Duration.ofSeconds(30));
        }
        assertThat(home.resolve("allowed-hosts")).content().contains("# kept: the operator's own note")
                .doesNotContain("tasks.example.com");

        try (Z4jProcess.Running serve = z4j.start("serve")) {
            Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
            assertThat(RawHttp.get(port, "/api/v1/health", "tasks.example.com").status()).isEqualTo(400);
            serve.terminate();
            serve.await(Duration.ofSeconds(30));
        }
    }
}
