package dev.z4j.app;

import static dev.z4j.app.OpsHomes.fails;
import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Z4jProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's "DB unreachable" causes, each recognisable from what {@code z4j serve} and {@code z4j check} print:
 * DNS, bad credentials, refused, and PostgreSQL going down under a running brain (and the brain recovering).
 */
class DatabaseFailuresProcessTest {

    @TempDir
    Path tmp;

    private Z4jProcess withDatabase(String url) {
        return withDatabase(url, "home");
    }

    private Z4jProcess withDatabase(String url, String home) {
        return Z4jProcess.inHome(OpsHomes.withSecrets(tmp.resolve(home))).env("Z4J_DATABASE_URL", url)
                .env("Z4J_BIND_PORT", Integer.toString(Z4jProcess.freePort()));
    }

    @Test
    void an_unknown_host_is_named_as_a_dns_failure() {
        Z4jProcess z4j = withDatabase("postgresql://z4j:hunter2hunter2@no-such-host.invalid:5432/z4j");
        assertThat(fails(2, z4j, "serve").stderr()).contains("z4j serve: cannot resolve the PostgreSQL host of "
                + "no-such-host.invalid:5432/z4j (DNS lookup failed)").doesNotContain("hunter2");
        Z4jProcess.Result check = fails(1, z4j, "check");
        assertThat(check.stdout()).contains("database       FAIL: cannot resolve the PostgreSQL host of "
                + "no-such-host.invalid:5432/z4j (DNS lookup failed)", "z4j check: 2 checks failed");
    }

    @Test
    void bad_credentials_and_a_server_going_down_and_coming_back_are_each_recognisable() throws Exception {
        Path data = tmp.resolve("pgdata");
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int pgPort = server.getPort();
        try {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER USER postgres PASSWORD 'right-password-for-z4j'");
                s.execute("CREATE DATABASE z4j");
            }
            Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }

            Z4jProcess wrong = withDatabase("postgresql://postgres:wrong-password-here@127.0.0.1:" + pgPort + "/z4j");
            assertThat(fails(2, wrong, "serve").stderr()).contains("z4j serve: PostgreSQL at 127.0.0.1:" + pgPort
                    + " rejected the credentials of user 'postgres' (authentication failed)")
                    .doesNotContain("wrong-password-here");
            // back to trust, so the embedded server can verify its own restart below
            Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n"
                    + "host all all ::1/128 trust\n");
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort
                    + "/postgres", "postgres", "right-password-for-z4j"); Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }

            int port = Z4jProcess.freePort();
            Z4jProcess right = withDatabase("postgresql://postgres:right-password-for-z4j@127.0.0.1:" + pgPort + "/z4j")
                    .env("Z4J_BIND_PORT", Integer.toString(port));
            try (Z4jProcess.Running serve = right.start("serve")) {
                Z4jProcess.await("ready", Duration.ofSeconds(30), () -> Http.statusOf(port, "/api/v1/health/ready") == 200);

                server.close();
                Z4jProcess.await("not ready while PostgreSQL is down", Duration.ofSeconds(30),
                        () -> Http.statusOf(port, "/api/v1/health/ready") == 503);
                assertThat(Http.get(port, "/api/v1/health/ready").body()).contains("\"error\":\"database\"");
                assertThat(fails(1, right, "check").stdout()).contains("database       FAIL: connection refused by "
                        + "PostgreSQL at 127.0.0.1:" + pgPort + " (is the server running and listening?)");
                assertThat(fails(2, withDatabase("postgresql://postgres:right-password-for-z4j@127.0.0.1:" + pgPort
                        + "/z4j", "second-home"), "serve").stderr()).contains("z4j serve: connection refused by PostgreSQL at 127.0.0.1:"
                        + pgPort);

                server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                        .setPort(pgPort).start();
                Z4jProcess.await("ready again once PostgreSQL is back", Duration.ofSeconds(60),
                        () -> Http.statusOf(port, "/api/v1/health/ready") == 200);
                ok(right, "check");
                serve.terminate();
                assertThat(serve.await(Duration.ofSeconds(30)).exitCode()).isZero();
            }
        } finally {
            server.close();
        }
    }
}
