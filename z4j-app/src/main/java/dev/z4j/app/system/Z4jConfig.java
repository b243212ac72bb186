package dev.z4j.app.system;

import dev.z4j.ports.system.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of the brain, typed and validated. Build it with {@link #from(Settings, Home)}; each bad value is a
 * {@link ConfigException} naming the variable. Defaults are those of the specification (see docs/configuration.md).
 */
public record Z4jConfig(
        Home home,
        Optional<String> databaseUrl,
        Secret secret,
        List<Secret> previousSecrets,
        String bindHost,
        int bindPort,
        String publicUrl,
        Optional<List<String>> allowedHosts,
        Environment environment,
        boolean autoMigrate,
        List<String> trustedProxies,
        Duration sessionIdleTimeout,
        Duration sessionAbsoluteLifetime,
        int argon2MemoryKib,
        int argon2Iterations,
        int argon2Parallelism,
        int passwordMinLength,
        int loginLockoutThreshold,
        Duration loginLockout,
        Duration agentHeartbeat,
        Duration agentOfflineTimeout,
        Duration commandTimeout,
        int eventRetentionDays,
        int auditRetentionDays,
        Duration auditVerifyInterval,
        int backupKeep,
        Duration backupInterval,
        Optional<String> metricsAuthToken,
        Optional<String> bootstrapAdminEmail,
        Optional<String> bootstrapAdminPassword,
        LogFormat logFormat,
        long maxBodyBytes,
        int databasePoolSize,
        int eventsPerSecondPerProject) {

    public enum Environment { DEV, PRODUCTION }

    public enum LogFormat { TEXT, JSON }

    public boolean production() {
        return environment == Environment.PRODUCTION;
    }

    public static Z4jConfig from(Settings s, Home home) {
        Secret secret = s.get("Z4J_SECRET").map(v -> secret("Z4J_SECRET", v)).orElseThrow(() -> new ConfigException(
                "Z4J_SECRET is not set and " + home.secretEnv() + " does not exist; run `z4j serve` once to create "
                        + "the home and its secrets, or set Z4J_SECRET (at least 32 bytes)"));
        List<Secret> previous = new ArrayList<>();
        s.get("Z4J_PREVIOUS_SECRETS").ifPresent(list -> {
            for (String entry : list.split(",")) {
                if (!entry.isBlank()) {
                    previous.add(secret("Z4J_PREVIOUS_SECRETS", entry.strip()));
                }
            }
        });
        String bindHost = s.get("Z4J_BIND_HOST").orElse("127.0.0.1");
        int bindPort = integer(s, "Z4J_BIND_PORT", 7700, 0, 65535);
        String publicUrl = publicUrl(s.get("Z4J_PUBLIC_URL").orElse("http://localhost:" + (bindPort == 0 ? 7700 : bindPort)));
        Optional<List<String>> allowedHosts = s.get("Z4J_ALLOWED_HOSTS").map(v -> jsonStringList("Z4J_ALLOWED_HOSTS", v));
        Environment environment = s.get("Z4J_ENVIRONMENT").map(Z4jConfig::environment)
                .orElse(publicUrl.startsWith("https://") && allowedHosts.isPresent()
                        ? Environment.PRODUCTION : Environment.DEV);
        if (environment == Environment.PRODUCTION) {
            if (allowedHosts.isEmpty() || allowedHosts.get().isEmpty()) {
                throw new ConfigException("production mode requires Z4J_ALLOWED_HOSTS (a JSON list of the host names "
                        + "clients use, e.g. [\"z4j.example.com\"])");
            }
            if (!publicUrl.startsWith("https://")) {
                throw new ConfigException("production mode requires an https:// Z4J_PUBLIC_URL (got a non-https URL)");
            }
        }
        List<String> trustedProxies = s.get("Z4J_TRUSTED_PROXIES")
                .map(v -> v.strip().startsWith("[") ? jsonStringList("Z4J_TRUSTED_PROXIES", v) : commaList(v))
                .orElse(List.of());
        String logFormat = s.get("Z4J_LOG_FORMAT").orElse("text").toLowerCase(Locale.ROOT);
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new ConfigException("Z4J_LOG_FORMAT must be text or json (got '" + logFormat + "')");
        }
        return new Z4jConfig(
                home,
                s.get("Z4J_DATABASE_URL"),
                secret,
                List.copyOf(previous),
                bindHost,
                bindPort,
                publicUrl,
                allowedHosts,
                environment,
                bool(s, "Z4J_AUTO_MIGRATE", true),
                trustedProxies,
                seconds(s, "Z4J_SESSION_IDLE_TIMEOUT_SECONDS", 1800, 60, 86_400 * 30),
                seconds(s, "Z4J_SESSION_ABSOLUTE_LIFETIME_SECONDS", 604_800, 300, 86_400 * 365),
                integer(s, "Z4J_ARGON2_MEMORY_KIB", 65_536, 1024, 4_194_304),
                integer(s, "Z4J_ARGON2_ITERATIONS", 3, 1, 20),
                integer(s, "Z4J_ARGON2_PARALLELISM", 4, 1, 64),
                integer(s, "Z4J_PASSWORD_MIN_LENGTH", 12, 8, 128),
                integer(s, "Z4J_LOGIN_LOCKOUT_THRESHOLD", 10, 1, 1000),
                seconds(s, "Z4J_LOGIN_LOCKOUT_SECONDS", 900, 1, 86_400 * 7),
                seconds(s, "Z4J_AGENT_HEARTBEAT_SECONDS", 10, 1, 3600),
                seconds(s, "Z4J_AGENT_OFFLINE_TIMEOUT_SECONDS", 30, 2, 86_400),
                seconds(s, "Z4J_COMMAND_TIMEOUT_SECONDS", 60, 1, 3600),
                integer(s, "Z4J_EVENT_RETENTION_DAYS", 30, 1, 36_500),
                integer(s, "Z4J_AUDIT_RETENTION_DAYS", 0, 0, 36_500),
                seconds(s, "Z4J_AUDIT_VERIFY_INTERVAL_SECONDS", 86_400, 0, 86_400 * 365),
                integer(s, "Z4J_BACKUP_KEEP", 7, 1, 10_000),
                seconds(s, "Z4J_BACKUP_INTERVAL_SECONDS", 0, 0, 86_400 * 365),
                s.get("Z4J_METRICS_AUTH_TOKEN"),
                s.get("Z4J_BOOTSTRAP_ADMIN_EMAIL"),
                s.get("Z4J_BOOTSTRAP_ADMIN_PASSWORD"),
                logFormat.equals("json") ? LogFormat.JSON : LogFormat.TEXT,
                integer(s, "Z4J_MAX_BODY_BYTES", 1_048_576, 1024, 64 * 1_048_576),
                integer(s, "Z4J_DB_POOL_SIZE", 10, 2, 200),
                integer(s, "Z4J_RATELIMIT_EVENTS_PER_SECOND", 10_000, 0, 10_000_000));
    }

    private static Secret secret(String name, String value) {
        try {
            return Secret.ofText(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be at least " + Secret.MIN_BYTES + " bytes long");
        }
    }

    private static Environment environment(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "dev", "development" -> Environment.DEV;
            case "production", "prod" -> Environment.PRODUCTION;
            default -> throw new ConfigException("Z4J_ENVIRONMENT must be dev or production (got '" + value + "')");
        };
    }

    private static String publicUrl(String value) {
        String url = value.strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("Z4J_PUBLIC_URL is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new ConfigException("Z4J_PUBLIC_URL must be an http:// or https:// URL with a host (got '" + url + "')");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException("Z4J_PUBLIC_URL must not contain user information (user@host)");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int integer(Settings s, String name, int defaultValue, int min, int max) {
        Optional<String> raw = s.get(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + " (got " + value + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number (got '" + raw.get() + "')");
        }
    }

    private static Duration seconds(Settings s, String name, int defaultValue, int min, int max) {
        return Duration.ofSeconds(integer(s, name, defaultValue, min, max));
    }

    private static boolean bool(Settings s, String name, boolean defaultValue) {
        return s.get(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false (got '" + v + "')");
        }).orElse(defaultValue);
    }

    private static final Pattern JSON_STRING = Pattern.compile("\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

    /** A JSON list of strings such as {@code ["a.example.com", "b"]}. */
    static List<String> jsonStringList(String name, String value) {
        String v = value.strip();
        if (!v.startsWith("[") || !v.endsWith("]")) {
            throw new ConfigException(name + " must be a JSON list of strings, e.g. [\"z4j.example.com\"]");
        }
        String inner = v.substring(1, v.length() - 1).strip();
        List<String> items = new ArrayList<>();
        Matcher m = JSON_STRING.matcher(inner);
        int position = 0;
        while (position < inner.length()) {
            if (!m.find(position) || m.start() != position) {
                throw new ConfigException(name + " must be a JSON list of strings, e.g. [\"z4j.example.com\"]");
            }
            items.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            position = m.end();
        }
        return List.copyOf(items);
    }

    private static List<String> commaList(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "Z4jConfig[home=" + home.dir() + ", environment=" + environment + ", bind=" + bindHost + ":" + bindPort
                + ", secret=" + secret + "]";
    }
}
