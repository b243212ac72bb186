package dev.z4j.app;

import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Json;
import dev.z4j.app.testing.SchemaVersions;
import dev.z4j.app.testing.Z4jProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single brain (SQLite) registers as a replica too: late when started before `z4j migrate`, gone after a clean stop. */
class ReplicaRegistrationProcessTest {

    @TempDir
    Path tmp;

    @Test
    void a_brain_started_before_the_migration_joins_once_it_ran_and_leaves_on_a_clean_stop() {
        Path home = OpsHomes.atVersion(tmp.resolve("home"), SchemaVersions.previous());
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_AUTO_MIGRATE", "false");
        try (Z4jProcess.Running brain = z4j.start("serve")) {
            Z4jProcess.await("the brain answers, not ready", Duration.ofSeconds(60),
                    () -> Http.statusOf(port, "/api/v1/health/ready") == 503 || !brain.isAlive());

            ok(z4j, "migrate");

            Z4jProcess.await("the brain registers at its next heartbeat", Duration.ofSeconds(30),
                    () -> replicas(z4j).size() == 1);
            JsonNode self = replicas(z4j).get(0);
            assertThat(self.get("port").asInt()).isEqualTo(port);
            assertThat(self.get("pid").asLong()).isEqualTo(brain.pid());
            assertThat(self.get("leader").asBoolean()).as("a single brain leads").isTrue();
            assertThat(self.get("running").asBoolean()).isTrue();
            assertThat(ok(z4j, "status").stdout()).containsPattern("  replicas\\n    " + self.get("id").asText()
                    + "  \\S+:" + port + " pid " + brain.pid() + "  \\S+  leader, running \\(seen ");

            brain.terminate();
            assertThat(brain.await(Duration.ofSeconds(30)).exitCode()).isZero();
            assertThat(replicas(z4j)).as("a clean stop removes the row\n" + brain.stderr()).isEmpty();
            assertThat(ok(z4j, "status").stdout()).contains("  replicas               none seen in the last hour");
        }
    }

    private static JsonNode replicas(Z4jProcess z4j) {
        return Json.parse(ok(z4j, "status", "--json").stdout()).get("replicas");
    }
}
