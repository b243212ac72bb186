package dev.z4j.app;

import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.Home;
import dev.z4j.app.system.SecretEnvStore;
import dev.z4j.app.system.Settings;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.domain.system.SecretRotator;
import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SystemHealth;
import dev.z4j.shell.support.OperatorContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The in-ports of the operator commands, wired straight onto the database (no HTTP), so they work while the brain
 * is down. The configuration is read, and the database opened, on first use.
 */
final class CliContext implements OperatorContext, AutoCloseable {

    private final Map<String, String> environment;
    private final Home home;
    private Settings settings;
    private Z4jConfig config;
    private Wiring wiring;

    CliContext(Map<String, String> environment, Home home) {
        this.environment = environment;
        this.home = home;
    }

    @Override
    public String version() {
        return BrainVersion.current();
    }

    @Override
    public List<String> configurationWarnings() {
        return settings().warnings();
    }

    @Override
    public String validateConfiguration() {
        Z4jConfig c = config();
        return c.environment().name().toLowerCase(java.util.Locale.ROOT) + " mode, home " + home.dir()
                + ", secret key " + c.secret().keyId();
    }

    @Override
    public SystemHealth health() {
        return wiring().health;
    }

    @Override
    public AuditTrail audit() {
        return wiring().audit;
    }

    @Override
    public SecretRotation secretRotation() {
        return new SecretRotator(wiring().secrets, new SecretEnvStore(home, settings(), config()),
                wiring().secretBoundState, wiring().audit, wiring().database);
    }

    private Settings settings() {
        if (settings == null) {
            settings = Settings.load(environment, home);
        }
        return settings;
    }

    private Z4jConfig config() {
        if (config == null) {
            config = Z4jConfig.from(settings(), home);
        }
        return config;
    }

    private Wiring wiring() {
        if (wiring == null) {
            wiring = Wiring.open(config(), Clock.systemUTC());
        }
        return wiring;
    }

    @Override
    public void close() {
        if (wiring != null) {
            wiring.close();
        }
    }
}
