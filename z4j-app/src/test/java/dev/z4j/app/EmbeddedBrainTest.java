package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Z4jBrain} as an embedder uses it. */
class EmbeddedBrainTest {

    private static final String SECRET = "embedded-secret-0123456789-abcdefghijklmnop";

    @TempDir
    Path tmp;

    private Z4jBrain.Builder brain(Path home) {
        return Z4jBrain.builder().home(home).secret(SECRET).bind("127.0.0.1", 0);
    }

    @Test
    void two_brains_run_in_one_jvm_on_different_homes_and_ports() {
        try (Z4jBrain first = brain(tmp.resolve("one")).build().start();
             Z4jBrain second = brain(tmp.resolve("two")).build().start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(Http.get(first.port(), "/api/v1/health/ready").statusCode()).isEqualTo(200);
            assertThat(Http.get(second.port(), "/api/v1/health/ready").statusCode()).isEqualTo(200);
            assertThat(tmp.resolve("one/z4j.db")).exists();
            assertThat(tmp.resolve("two/z4j.db")).exists();
            assertThat(first.setupInvitation().orElseThrow().url())
                    .isNotEqualTo(second.setupInvitation().orElseThrow().url());
            first.close();
            assertThat(Http.statusOf(first.port(), "/api/v1/health")).isEqualTo(-1);
            assertThat(Http.get(second.port(), "/api/v1/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_second_brain_on_the_same_home_is_refused() {
        try (Z4jBrain first = brain(tmp.resolve("home")).build().start()) {
            assertThatThrownBy(() -> brain(tmp.resolve("home")).build().start())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("another brain is already running on home " + tmp.resolve("home"));
            assertThat(Http.get(first.port(), "/api/v1/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void without_auto_migrate_a_pending_schema_keeps_the_brain_unready_on_sqlite() {
        assertPendingSchemaIsReported(brain(tmp.resolve("home")));
    }

    @Test
    void without_auto_migrate_a_pending_schema_keeps_the_brain_unready_on_postgresql() {
        DatabaseUrl url = TestDatabases.postgresUrl();
        assertPendingSchemaIsReported(brain(tmp.resolve("home")).databaseUrl(
                "postgresql://postgres:postgres@" + url.location()));
    }

    private static void assertPendingSchemaIsReported(Z4jBrain.Builder builder) {
        try (Z4jBrain brain = builder.setting("Z4J_AUTO_MIGRATE", "false").build().start()) {
            assertThat(Http.get(brain.port(), "/api/v1/health").statusCode()).isEqualTo(200);
            var ready = Http.get(brain.port(), "/api/v1/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"error\":\"schema_pending\"").contains("\"reason\":\"schema_pending\"");
            assertThat(brain.setupInvitation()).isEmpty();
        }
        try (Z4jBrain migrated = builder.setting("Z4J_AUTO_MIGRATE", "true").build().start()) {
            assertThat(Http.get(migrated.port(), "/api/v1/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void host_validation_accepts_configured_hosts_and_rejects_others() throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("allowed-hosts"), "# persisted\ntasks.example.com\n");
        try (Z4jBrain brain = brain(home).setting("Z4J_ALLOWED_HOSTS", "[\"z4j.example.org\"]").build().start()) {
            int port = brain.port();
            assertThat(RawHttp.get(port, "/api/v1/health", "localhost:" + port).status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "/api/v1/health", "127.0.0.1").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "/api/v1/health", "tasks.example.com").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "/api/v1/health", "Z4J.example.org:443").status()).isEqualTo(200);
            assertThat(RawHttp.get(port, "/api/v1/health", null).status()).isEqualTo(200);

            RawHttp.Response rejected = RawHttp.get(port, "/api/v1/health", "evil.example.net");
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.body()).startsWith("{\"error\":\"invalid_host\",\"message\":\"Bad Request: invalid Host header.\","
                    + "\"request_id\":\"req_").doesNotContain("evil");
            assertThat(RawHttp.get(port, "/api/v1/health", "local host").status()).isEqualTo(400);
            assertThat(RawHttp.get(port, "/api/v1/health", "localhost:99999999").status()).isEqualTo(400);
        }
    }
}
