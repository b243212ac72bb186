package dev.z4j.app;

import dev.z4j.app.system.AllowedHosts;
import dev.z4j.app.system.AllowedHostsEditor;
import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.Home;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.system.SecretEnvStore;
import dev.z4j.app.system.Settings;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.system.SecretRotator;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditInspection;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.identity.UserSessions;
import dev.z4j.ports.projects.Projects;
import dev.z4j.ports.system.AllowedHostsFile;
import dev.z4j.ports.system.AuditEvidence;
import dev.z4j.ports.system.DatabaseBackups;
import dev.z4j.ports.system.DatabaseRestore;
import dev.z4j.ports.system.Migrations;
import dev.z4j.ports.system.RestoreDrill;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;

import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SystemHealth;
import dev.z4j.shell.support.BrainSettings;
import dev.z4j.shell.support.CommandFailure;
import dev.z4j.shell.support.OperatorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    public Path home() {
        return home.dir();
    }

    @Override
    public String databaseLocation() {
        return Wiring.liveUrl(config()).toString();
    }

    @Override
    public BrainSettings brainSettings() {
        Z4jConfig c = config();
        return new BrainSettings(c.bindHost(), c.bindPort(), c.publicUrl(), AllowedHosts.effective(c), c.production(),
                c.agentOfflineTimeout());
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

    /**
     * Closes this process's own connections first (the restore swaps the database file they would point at), and runs
     * to the end even if the command is cancelled: a half-done swap would leave a restored database without its audit
     * row.
     */
    @Override
    public DatabaseRestore restore() {
        closeDatabase();
        Restore restore = new Restore(config(), operatorActor(), clock);
        return backup -> Uninterruptibly.call("z4j-restore", () -> restore.restore(backup));
    }

    @Override
    public Migrations migrations() {
        return wiring().migrations;
    }

    @Override
    public RestoreDrill drill() {
        return new Drill(config(), operatorActor(), clock);
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
    public UserAdministration users() {
        return current().users;
    }

    @Override
    public FirstBoot firstBoot() {
        return current().firstBoot;
    }

    @Override
    public UserSessions sessions() {
        return current().sessions;
    }

    @Override
    public Projects projects() {
        return current().projects;
    }

    @Override
    public AgentCredentials agents() {
        return current().agents;
    }

    @Override
    public Caller operator() {
        return Caller.cli(System.getProperty("user.name"));
    }

    /** Audit rows written by operator commands name the OS user who ran them. */
    private Actor operatorActor() {
        return operator().principal().actor();
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
        return current().audit;
    }

    @Override
    public AuditInspection auditInspection() {
        return current().auditInspection;
    }

    /**
     * The rotation runs to its end even if the command is cancelled (it changes secret.env and the database together);
     * afterwards the configuration is read again, so later commands (in {@code z4j shell}) use the new secret.
     */
    @Override
    public SecretRotation secretRotation() {
        SecretRotation rotator = new SecretRotator(wiring().secrets, new SecretEnvStore(home, settings(), config()),
                wiring().secretBoundState, wiring().audit, wiring().database);
        return new SecretRotation() {
            @Override
            public RotationPlan plan() {
                return rotator.plan();
            }

            @Override
            public RotationResult rotate(String operator) {
                try {
                    return Uninterruptibly.call("z4j-rotate-secret", () -> rotator.rotate(operator));
                } finally {
                    closeDatabase();
                    settings = null;
                    config = null;
                }
            }
        };
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
            wiring = Wiring.open(config(), clock, operatorActor());
        }
        return wiring;
    }

    private void closeDatabase() {
        if (wiring != null) {
            wiring.close();
            wiring = null;
        }
    }

    @Override
    public void close() {
        closeDatabase();
    }
}
