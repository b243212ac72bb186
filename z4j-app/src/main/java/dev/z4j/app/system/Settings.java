package dev.z4j.app.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Raw settings merged from their sources, highest first: the process environment, {@code $Z4J_HOME/config.env},
 * {@code $Z4J_HOME/secret.env}. Values are typed and validated by {@link Z4jConfig}.
 */
public final class Settings {

    /** Every {@code Z4J_} name the brain understands; others produce a warning. */
    public static final Set<String> KNOWN = Set.of(
            "Z4J_HOME", "Z4J_DATABASE_URL", "Z4J_SECRET", "Z4J_PREVIOUS_SECRETS", "Z4J_BIND_HOST", "Z4J_BIND_PORT",
            "Z4J_PUBLIC_URL", "Z4J_ALLOWED_HOSTS", "Z4J_ENVIRONMENT", "Z4J_AUTO_MIGRATE", "Z4J_TRUSTED_PROXIES",
            "Z4J_SESSION_IDLE_TIMEOUT_SECONDS", "Z4J_SESSION_ABSOLUTE_LIFETIME_SECONDS", "Z4J_ARGON2_MEMORY_KIB",
            "Z4J_ARGON2_ITERATIONS", "Z4J_ARGON2_PARALLELISM", "Z4J_PASSWORD_MIN_LENGTH",
            "Z4J_LOGIN_LOCKOUT_THRESHOLD", "Z4J_LOGIN_LOCKOUT_SECONDS", "Z4J_AGENT_HEARTBEAT_SECONDS",
            "Z4J_AGENT_OFFLINE_TIMEOUT_SECONDS", "Z4J_COMMAND_TIMEOUT_SECONDS", "Z4J_EVENT_RETENTION_DAYS",
            "Z4J_AUDIT_RETENTION_DAYS", "Z4J_AUDIT_VERIFY_INTERVAL_SECONDS", "Z4J_BACKUP_KEEP",
            "Z4J_BACKUP_INTERVAL_SECONDS", "Z4J_METRICS_AUTH_TOKEN", "Z4J_BOOTSTRAP_ADMIN_EMAIL",
            "Z4J_BOOTSTRAP_ADMIN_PASSWORD", "Z4J_LOG_FORMAT", "Z4J_MAX_BODY_BYTES", "Z4J_DB_POOL_SIZE",
            "Z4J_RATELIMIT_EVENTS_PER_SECOND");

    private final Map<String, String> values;
    private final Map<String, String> sources;
    private final List<String> warnings;

    private Settings(Map<String, String> values, Map<String, String> sources, List<String> warnings) {
        this.values = values;
        this.sources = sources;
        this.warnings = warnings;
    }

    /**
     * @param environment the process environment (only {@code Z4J_} names are read)
     * @param home        where {@code config.env} and {@code secret.env} live
     */
    public static Settings load(Map<String, String> environment, Home home) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        merge(values, sources, EnvFile.read(home.secretEnv()), "secret.env");
        merge(values, sources, EnvFile.read(home.configEnv()), "config.env");
        merge(values, sources, environment, "env");
        List<String> warnings = new ArrayList<>();
        for (String name : new LinkedHashSet<>(values.keySet())) {
            if (!KNOWN.contains(name)) {
                warnings.add("unknown setting " + name + " (from " + sources.get(name) + ") is ignored; check its spelling");
            }
        }
        return new Settings(values, sources, warnings);
    }

    private static void merge(Map<String, String> values, Map<String, String> sources, Map<String, String> from,
                              String source) {
        from.forEach((name, value) -> {
            if (name.startsWith("Z4J_")) {
                values.put(name, value);
                sources.put(name, source);
            }
        });
    }

    /** A setting's value; a blank value counts as unset. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Where a setting came from: {@code env}, {@code config.env}, {@code secret.env} or {@code code}; empty when unset. */
    public Optional<String> source(String name) {
        return isSet(name) ? Optional.ofNullable(sources.get(name)) : Optional.empty();
    }

    public boolean isSet(String name) {
        return get(name).isPresent();
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public static Settings of(Map<String, String> values) {
        Map<String, String> sources = new HashMap<>();
        values.keySet().forEach(k -> sources.put(k, "code"));
        return new Settings(new HashMap<>(values), sources, List.of());
    }
}
