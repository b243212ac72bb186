package dev.z4j.app;

import dev.z4j.app.system.AllowedHosts;
import dev.z4j.app.system.AllowedHostsEditor;
import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.Home;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.system.Settings;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.system.AllowedHostsFile;
import dev.z4j.ports.system.AuditEvidence;
import dev.z4j.ports.system.DatabaseBackups;
import dev.z4j.ports.system.DatabaseRestore;
import dev.z4j.ports.system.Migrations;
import dev.z4j.ports.system.RestoreDrill;
import dev.z4j.ports.system.SystemHealth;
import dev.z4j.shell.support.OperatorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The in-ports of the operator commands, wired straight onto the database (no HTTP), so they work while the brain
 * is down. The configuration is read, and the database opened, on first use.
 */
final class CliContext implements OperatorContext, AutoCloseable {

    private final Map<String, String> environment;
    private final Home home;
    private final Clock clock = Clock.systemUTC();
    /** Audit rows written by operator commands name the OS user who ran them. */
    private final Actor operator = Actor.cli(System.getProperty("user.name"));
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
        return c.environment().name().toLowerCase(Locale.ROOT) + " mode, home " + home.dir()
                + ", secret key " + c.secret().keyId();
    }

    @Override
    public List<String> configurationAdvice() {
        Z4jConfig c = config();
        List<String> advice = new ArrayList<>();
        if (!c.production() && !AllowedHosts.isLoopback(c.bindHost())) {
            advice.add("dev mode with Z4J_BIND_HOST=" + c.bindHost() + ": `z4j serve` refuses to listen beyond "
                    + "loopback in dev mode; bind 127.0.0.1 behind a proxy, or configure production mode");
        }
        if (Files.isRegularFile(home.secretEnv())) {
            try {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(home.secretEnv());
                if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    advice.add(home.secretEnv() + " is readable by others (mode " + PosixFilePermissions.toString(mode)
                            + "): chmod 600 it");
                }
            } catch (IOException | UnsupportedOperationException e) {
                advice.add("cannot read the permissions of " + home.secretEnv() + ": " + e.getMessage());
            }
        }
        return advice;
    }

    @Override
    public OptionalLong runningBrain() {
        if (!HomeLock.isHeld(home)) {
            return OptionalLong.empty();
        }
        return HomeLock.holderPid(home).map(OptionalLong::of).orElse(OptionalLong.of(-1));
    }

    @Override
    public SystemHealth health() {
        return wiring().health;
    }

    @Override
    public DatabaseBackups backups() {
        return wiring().backups;
    }

    @Override
    public DatabaseRestore restore() {
        return new Restore(config(), operator, clock);
    }

    @Override
    public Migrations migrations() {
        return wiring().migrations;
    }

    @Override
    public RestoreDrill drill() {
        return new Drill(config(), operator, clock);
    }

    @Override
    public AuditEvidence evidence() {
        return new Evidence(config(), settings(), clock);
    }

    @Override
    public AllowedHostsFile allowedHosts() {
        return new AllowedHostsEditor(home);
    }

    @Override
    public AuditTrail audit() {
        return wiring().audit;
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
            wiring = Wiring.open(config(), clock, operator);
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
