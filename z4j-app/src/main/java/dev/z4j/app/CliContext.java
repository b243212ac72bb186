package dev.z4j.app;

import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.Home;
import dev.z4j.app.system.SecretEnvStore;
import dev.z4j.app.system.Settings;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.domain.system.SecretRotator;
import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SystemHealth;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.Console;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-ports of the operator commands, wired straight onto the database (no HTTP), so they work while the brain
 * is down. The configuration is read, and the database opened, on first use.
 */
final class CliContext implements OperatorContext, AutoCloseable {

    private final Map<String, String> environment;
    private final Home home;
    private final InputStream stdin;
    private Settings settings;
    private Z4jConfig config;
    private Wiring wiring;

    CliContext(Map<String, String> environment, Home home, InputStream stdin) {
        this.environment = environment;
        this.home = home;
        this.stdin = stdin;
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
    public UserAdministration users() {
        return current().users;
    }

    @Override
    public FirstBoot firstBoot() {
        return current().firstBoot;
    }

    @Override
    public Caller operator() {
        return Caller.cli(System.getProperty("user.name"));
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public Optional<Console> console() {
        return Optional.ofNullable(System.console());
    }

    /** The wiring, refusing to touch a database whose schema this build does not match. */
    private Wiring current() {
        Wiring w = wiring();
        SchemaStatus status = w.schema.status();
        if (!status.isCurrent()) {
            throw new CommandFailure(2, status.newerThanThisBuild()
                    ? "the database schema is newer than this z4j; upgrade z4j first"
                    : "the database schema is not current (pending: " + String.join(", ", status.pendingVersions())
                    + "); run `z4j migrate` or start the brain once");
        }
        return w;
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
