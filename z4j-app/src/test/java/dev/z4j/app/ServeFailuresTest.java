package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Z4jProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code z4j serve} refuses to start with one line on stderr and exit code 2, and no stack trace. */
class ServeFailuresTest {

    @TempDir
    Path tmp;

    private Z4jProcess.Result serve(Z4jProcess z4j) {
        Z4jProcess.Result result = z4j.run("serve");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        return result;
    }

    @Test
    void a_taken_port_names_the_port_and_the_variable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Z4jProcess.Result result = serve(Z4jProcess.inHome(tmp.resolve("home"))
                    .env("Z4J_BIND_PORT", Integer.toString(port)));
            assertThat(result.stderr()).contains("z4j serve: port " + port + " is already in use (set Z4J_BIND_PORT)");
        }
        assertThat(dev.z4j.app.system.HomeLock.isHeld(new dev.z4j.app.system.Home(tmp.resolve("home")))).isFalse();
    }

    @Test
    void an_unwritable_home_is_named() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "not a directory");
        Path home = blocker.resolve("home");
        Z4jProcess.Result result = serve(Z4jProcess.inHome(home));
        assertThat(result.stderr()).contains("z4j serve: home " + home
                + " is not writable (Not a directory); set Z4J_HOME to a writable directory");
    }

    @Test
    void a_bad_database_url_is_named_without_echoing_the_password() {
        Z4jProcess.Result result = serve(Z4jProcess.inHome(tmp.resolve("home"))
                .env("Z4J_DATABASE_URL", "mysql://z4j:hunter2hunter2@db:3306/z4j"));
        assertThat(result.stderr()).contains("z4j serve: Z4J_DATABASE_URL: unsupported database URL scheme 'mysql'")
                .doesNotContain("hunter2");
    }

    @Test
    void an_unreachable_postgresql_says_connection_refused_with_host_and_port() {
        int port = Z4jProcess.freePort();
        Z4jProcess.Result result = serve(Z4jProcess.inHome(tmp.resolve("home"))
                .env("Z4J_DATABASE_URL", "postgresql://z4j:hunter2hunter2@127.0.0.1:" + port + "/z4j"));
        assertThat(result.stderr()).contains("z4j serve: connection refused by PostgreSQL at 127.0.0.1:" + port)
                .doesNotContain("hunter2");
    }

    @Test
    void a_bad_value_names_the_variable() {
        Z4jProcess.Result result = serve(Z4jProcess.inHome(tmp.resolve("home")).env("Z4J_BIND_PORT", "seventy"));
        assertThat(result.stderr()).contains("z4j serve: Z4J_BIND_PORT must be a whole number (got 'seventy')");
    }

    @Test
    void dev_mode_refuses_a_non_loopback_bind() {
        Z4jProcess.Result result = serve(Z4jProcess.inHome(tmp.resolve("home")).env("Z4J_BIND_HOST", "0.0.0.0")
                .env("Z4J_BIND_PORT", Integer.toString(Z4jProcess.freePort())));
        assertThat(result.stderr()).contains("z4j serve: refusing to listen on 0.0.0.0 in dev mode");
    }

    @Test
    void production_mode_without_allowed_hosts_is_refused() {
        Z4jProcess.Result result = serve(Z4jProcess.inHome(tmp.resolve("home")).env("Z4J_ENVIRONMENT", "production")
                .env("Z4J_PUBLIC_URL", "https://z4j.example.com"));
        assertThat(result.stderr()).contains("production mode requires Z4J_ALLOWED_HOSTS");
    }

    @Test
    void operator_commands_on_an_empty_home_do_not_mint_secrets() {
        Path home = tmp.resolve("empty");
        Z4jProcess.Result result = Z4jProcess.inHome(home).run("status");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("z4j status: Z4J_SECRET is not set").contains("run `z4j serve` once");
        assertThat(home.resolve("secret.env")).doesNotExist();
    }
}
