package dev.z4j.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Z4jConfigTest {

    private static final String SECRET = "s".repeat(40);

    @TempDir
    Path dir;

    private Z4jConfig config(Map<String, String> env) {
        Home home = new Home(dir);
        return Z4jConfig.from(Settings.load(env, home), home);
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("Z4J_SECRET", SECRET);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaults_are_those_of_the_specification() {
        Z4jConfig c = config(env());
        assertThat(c.bindHost()).isEqualTo("127.0.0.1");
        assertThat(c.bindPort()).isEqualTo(7700);
        assertThat(c.publicUrl()).isEqualTo("http://localhost:7700");
        assertThat(c.environment()).isEqualTo(Z4jConfig.Environment.DEV);
        assertThat(c.autoMigrate()).isTrue();
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.sessionAbsoluteLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(List.of(c.argon2MemoryKib(), c.argon2Iterations(), c.argon2Parallelism())).containsExactly(65536, 3, 4);
        assertThat(c.passwordMinLength()).isEqualTo(12);
        assertThat(c.loginLockoutThreshold()).isEqualTo(10);
        assertThat(c.loginLockout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(c.agentHeartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.agentOfflineTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.eventRetentionDays()).isEqualTo(30);
        assertThat(c.auditRetentionDays()).isZero();
        assertThat(c.auditVerifyInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(c.backupKeep()).isEqualTo(7);
        assertThat(c.logFormat()).isEqualTo(Z4jConfig.LogFormat.TEXT);
        assertThat(c.databaseUrl()).isEmpty();
    }

    @Test
    void the_environment_beats_config_env_which_beats_secret_env() throws IOException {
        Files.writeString(dir.resolve("secret.env"), "Z4J_SECRET=" + "a".repeat(40) + "\nZ4J_BIND_PORT=7001\n");
        Files.writeString(dir.resolve("config.env"), "# tuned\nZ4J_BIND_PORT=7002\nZ4J_BACKUP_KEEP='3'\n");
        Map<String, String> env = new HashMap<>();
        Z4jConfig fromFiles = config(env);
        assertThat(fromFiles.bindPort()).isEqualTo(7002);
        assertThat(fromFiles.backupKeep()).isEqualTo(3);
        assertThat(fromFiles.secret().keyId()).isEqualTo(dev.z4j.ports.system.Secret.ofText("a".repeat(40)).keyId());
        env.put("Z4J_BIND_PORT", "7003");
        assertThat(config(env).bindPort()).isEqualTo(7003);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Z4J_BIND_PORT|70000|Z4J_BIND_PORT must be between 0 and 65535 (got 70000)",
            "Z4J_BIND_PORT|x|Z4J_BIND_PORT must be a whole number (got 'x')",
            "Z4J_AUTO_MIGRATE|maybe|Z4J_AUTO_MIGRATE must be true or false (got 'maybe')",
            "Z4J_ENVIRONMENT|staging|Z4J_ENVIRONMENT must be dev or production (got 'staging')",
            "Z4J_SECRET|short|Z4J_SECRET must be at least 32 bytes long",
            "Z4J_PREVIOUS_SECRETS|tooshort|Z4J_PREVIOUS_SECRETS must be at least 32 bytes long",
            "Z4J_PUBLIC_URL|ftp://x|Z4J_PUBLIC_URL must be an http:// or https:// URL with a host",
            "Z4J_PUBLIC_URL|https://user:pw@x.example|Z4J_PUBLIC_URL must not contain user information",
            "Z4J_ALLOWED_HOSTS|a.example.com,b|Z4J_ALLOWED_HOSTS must be a JSON list of strings",
            "Z4J_LOG_FORMAT|xml|Z4J_LOG_FORMAT must be text or json (got 'xml')",
            "Z4J_ARGON2_MEMORY_KIB|64|Z4J_ARGON2_MEMORY_KIB must be between 1024 and 4194304 (got 64)"})
    void a_bad_value_names_the_variable(String name, String value, String message) {
        assertThatThrownBy(() -> config(env(name, value))).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void a_secret_never_appears_in_an_error() {
        assertThatThrownBy(() -> config(env("Z4J_SECRET", "short-secret-value")))
                .hasMessageNotContaining("short-secret-value");
    }

    @Test
    void production_requires_allowed_hosts_and_an_https_public_url() {
        assertThatThrownBy(() -> config(env("Z4J_ENVIRONMENT", "production", "Z4J_PUBLIC_URL", "https://z4j.example.com")))
                .hasMessageContaining("production mode requires Z4J_ALLOWED_HOSTS");
        assertThatThrownBy(() -> config(env("Z4J_ENVIRONMENT", "production", "Z4J_ALLOWED_HOSTS", "[\"z4j.example.com\"]")))
                .hasMessageContaining("production mode requires an https:// Z4J_PUBLIC_URL");
    }

    @Test
    void an_https_public_url_with_explicit_allowed_hosts_means_production() {
        Z4jConfig c = config(env("Z4J_PUBLIC_URL", "https://z4j.example.com/", "Z4J_ALLOWED_HOSTS",
                "[\"z4j.example.com\", \"z4j-internal\"]"));
        assertThat(c.production()).isTrue();
        assertThat(c.publicUrl()).isEqualTo("https://z4j.example.com");
        assertThat(c.allowedHosts()).contains(List.of("z4j.example.com", "z4j-internal"));
        assertThat(AllowedHosts.effective(c)).containsExactly("localhost", "127.0.0.1", "[::1]", "z4j.example.com",
                "z4j-internal");
    }

    @Test
    void unknown_z4j_names_are_warnings_naming_the_source() throws IOException {
        Files.writeString(dir.resolve("config.env"), "Z4J_BIND_PROT=7000\n");
        Settings settings = Settings.load(env("Z4J_SECERT", "x"), new Home(dir));
        assertThat(settings.warnings()).containsExactlyInAnyOrder(
                "unknown setting Z4J_BIND_PROT (from config.env) is ignored; check its spelling",
                "unknown setting Z4J_SECERT (from env) is ignored; check its spelling");
    }

    @Test
    void previous_secrets_are_a_comma_list() {
        Z4jConfig c = config(env("Z4J_PREVIOUS_SECRETS", "p".repeat(32) + ", " + "q".repeat(33)));
        assertThat(c.previousSecrets()).hasSize(2);
    }
}
