package dev.z4j.adapter.jdbc.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.system.DatabaseUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way PostgreSQL can be unreachable gives its own recognisable one-line reason, without the password: refused,
 * DNS, bad credentials, a missing database, and a server that goes down under a running brain.
 */
class ConnectionFailuresTest {

    @TempDir
    Path tmp;

    static DatabaseUrl url(String value) {
        return DatabaseUrl.parse(Optional.of(value), Path.of("."));
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void nothing_listening_is_connection_refused() throws Exception {
        int port = closedPort();
        assertThatThrownBy(() -> Database.open(url("postgresql://z4j:s3cret-pw@127.0.0.1:" + port + "/z4j"), 2))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("connection refused by PostgreSQL at 127.0.0.1:" + port
                        + " (is the server running and listening?)")
                .message().doesNotContain("s3cret-pw");
    }

    @Test
    void an_unknown_host_is_a_dns_failure() {
        assertThatThrownBy(() -> Database.open(url("postgresql://z4j:pw@no-such-host.invalid:5432/z4j"), 2))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("cannot resolve the PostgreSQL host of no-such-host.invalid:5432/z4j (DNS lookup failed)");
    }

    @Test
    void a_wrong_password_missing_database_and_a_server_going_down_are_each_named() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("data"))
                .setCleanDataDirectory(false).start();
        int port = server.getPort();
        try {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER USER postgres PASSWORD 'right-password'");
                s.execute("CREATE DATABASE z4j");
            }
            Path hba = tmp.resolve("data/pg_hba.conf");
            Files.writeString(hba, "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
                    + "host all all ::1/128 scram-sha-256\n");
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }

            assertThatThrownBy(() -> Database.open(url("postgresql://postgres:wrong-password@127.0.0.1:" + port + "/z4j"), 2))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("PostgreSQL at 127.0.0.1:" + port + " rejected the credentials of user 'postgres' "
                            + "(authentication failed)")
                    .message().doesNotContain("wrong-password");
            assertThatThrownBy(() -> Database.open(url("postgresql://postgres:right-password@127.0.0.1:" + port
                    + "/nope"), 2))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("database 127.0.0.1:" + port + "/nope does not exist (create it, or fix Z4J_DATABASE_URL)");

            Database running = Database.open(url("postgresql://postgres:right-password@127.0.0.1:" + port + "/z4j"), 2);
            try {
                int one = running.read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                assertThat(one).isEqualTo(1);
                server.close();
                assertThatThrownBy(() -> running.inTransaction(() -> running.write(h -> h.execute("SELECT 1"))))
                        .isInstanceOf(DatabaseUnavailableException.class)
                        .hasMessage("PostgreSQL at 127.0.0.1:" + port + " shut down (the server was stopped or restarted)");
            } finally {
                running.close();
            }
            assertThatThrownBy(() -> Database.open(url("postgresql://postgres:right-password@127.0.0.1:" + port
                    + "/z4j"), 2))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("connection refused by PostgreSQL at 127.0.0.1:" + port
                            + " (is the server running and listening?)");
        } finally {
            server.close();
        }
    }
}
