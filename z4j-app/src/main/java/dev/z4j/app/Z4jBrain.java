package dev.z4j.app;

import dev.z4j.adapter.http.HttpApi;
import dev.z4j.adapter.http.HttpSettings;
import dev.z4j.adapter.http.support.BrainPhase;
import dev.z4j.adapter.http.support.ClientAddress.Cidr;
import dev.z4j.adapter.http.support.SessionCookies;
import dev.z4j.adapter.http.system.MetricsToken;
import dev.z4j.adapter.ws.WebSocketApi;
import dev.z4j.adapter.ws.agents.AgentConnections;
import dev.z4j.adapter.ws.agents.GatewaySettings;
import dev.z4j.adapter.ws.dashboard.DashboardGateway;
import dev.z4j.adapter.ws.dashboard.DashboardSettings;
import dev.z4j.app.system.AllowedHosts;
import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.system.Home;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.system.Settings;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.commands.CommandDispatcher;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.FirstBoot.SetupInvitation;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.ingest.EventRetention;
import dev.z4j.ports.system.ClusterLeadership;
import dev.z4j.ports.system.DatabaseBackups;
import dev.z4j.ports.system.MigrationFailedException;
import dev.z4j.ports.system.Migrations.MigrationOutcome;
import dev.z4j.ports.system.Migrations;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A z4j brain: the public embedding API, and the exact path {@code z4j serve} takes.
 *
 * <pre>{@code
 * try (Z4jBrain brain = Z4jBrain.builder()
 *         .home(Path.of("/var/lib/z4j"))
 *         .secret(System.getenv("MY_Z4J_SECRET"))
 *         .bind("127.0.0.1", 0)
 *         .build()
 *         .start()) {
 *     System.out.println("listening on " + brain.port());
 * }
 * }</pre>
 *
 * Nothing is static: several brains can run in one JVM on different homes and ports. {@link #start()} opens the
 * database, migrates it unless {@code Z4J_AUTO_MIGRATE=false}, wires every service and adapter, and starts HTTP;
 * {@link #close()} stops accepting requests, lets in-flight work finish, closes the database and releases the home.
 */
public final class Z4jBrain implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Z4jBrain.class);
    private static final Duration RETENTION_INTERVAL = Duration.ofHours(1);
    /** How often commands whose time ran out are moved to {@code timeout} (upstream's 5 s). */
    private static final Duration COMMAND_SWEEP_INTERVAL = Duration.ofSeconds(5);

    private final Z4jConfig config;
    private final Clock clock;
    private HomeLock lock;
    private Wiring wiring;
    private HttpApi http;
    private WebSocketApi agentsApi;
    private DashboardGateway dashboard;
    private Javalin javalin;
    private AuditSchedule auditSchedule;
    private int port;
    private final List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Optional<SetupInvitation> setupInvitation = Optional.empty();
    private ScheduledExecutorService backupSchedule;
    private ScheduledExecutorService housekeeping;

    private Z4jBrain(Z4jConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Z4jConfig config() {
        return config;
    }

    /**
     * @throws ConfigException                       the home is unusable or another brain holds it
     * @throws dev.z4j.ports.system.DatabaseUnavailableException the database cannot be reached (one-line reason)
     * @throws PortInUseException                    the HTTP port is taken
     * @throws MigrationFailedException             a migration failed; the schema is unchanged
     * @throws Migrations.BackupRequiredException    migrations are pending and no backup can be taken first
     * @throws dev.z4j.ports.system.BackupFailedException the backup before migrating failed
     */
    public synchronized Z4jBrain start() {
        if (javalin != null) {
            throw new IllegalStateException("this brain is already started");
        }
        config.home().ensureWritable();
        lock = HomeLock.acquire(config.home());
        try {
            GatewaySettings gateway = GatewaySettings.defaults(BrainVersion.current(), config.agentHeartbeat());
            AgentConnections connections = new AgentConnections(gateway.maxWorkersPerAgent());
            wiring = Wiring.openForBrain(config, clock, connections, connections);
            migrateOrReport();
            http = new HttpApi(httpSettings(), wiring.health, wiring.audit, wiring.identityPorts(), wiring.agents,
                    wiring.tasks, wiring.commands, wiring.schedules, wiring.metrics);
            HttpApi httpApi = http;
            agentsApi = new WebSocketApi(gateway, wiring.agents, wiring.presence, wiring.ingestion, wiring.commands,
                    wiring.commands, wiring.schedules, connections, httpApi::clientIp, clock);
            dashboard = new DashboardGateway(DashboardSettings.defaults(
                    new SessionCookies(config.production()).sessionCookieName(), AllowedHosts.effective(config),
                    config.publicUrl()), wiring.authentication, wiring.projects, wiring.projects, wiring.changes,
                    httpApi::clientIp);
            DashboardGateway liveUpdates = dashboard;
            javalin = Javalin.create(javalinConfig -> {
                javalinConfig.startup.showJavalinBanner = false;
                javalinConfig.startup.showOldJavalinVersionWarning = false;
                javalinConfig.jetty.host = config.bindHost();
                javalinConfig.jetty.port = config.bindPort();
                javalinConfig.events.handlerAdded(route -> routes.add(route.getHttpMethod() + " " + route.getPath()));
                httpApi.configure(javalinConfig);
                agentsApi.configure(javalinConfig);
                liveUpdates.configure(javalinConfig);
            });
            Wiring joining = wiring;
            wiring.cluster.join(config.bindPort(), BrainVersion.current(), wiring.secrets.current().keyId(),
                    () -> joining.schema.status().isCurrent());
            if (wiring.schema.status().isCurrent()) {
                bootstrapOwner();
                setupInvitation = wiring.firstBoot.inviteFirstOwner(Caller.brain());
            }
            try {
                javalin.start();
            } catch (JavalinBindException e) {
                throw new PortInUseException(config.bindPort());
            }
            port = javalin.port();
            wiring.cluster.listeningOn(port);
            http.enterPhase(BrainPhase.SERVING);
            scheduleBackups();
            scheduleHousekeeping();
            if (wiring.schema.status().isCurrent()) {
                auditSchedule = new AuditSchedule(wiring.audit, wiring.cluster.leadership, clock,
                        config.auditVerifyInterval(), config.auditRetentionDays());
                auditSchedule.start();
            }
            LOG.info("z4j brain {} listening on {}:{} ({} mode, {} database {})", BrainVersion.current(),
                    config.bindHost(), port(), config.environment().name().toLowerCase(java.util.Locale.ROOT),
                    wiring.url.dialect().name().toLowerCase(java.util.Locale.ROOT), wiring.url.location());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void migrateOrReport() {
        SchemaStatus status = wiring.schema.status();
        if (status.newerThanThisBuild()) {
            LOG.warn("the database schema ({}) is newer than this brain knows ({}); upgrade z4j",
                    status.currentVersion().orElse("?"), status.latestKnownVersion());
            return;
        }
        if (status.pendingVersions().isEmpty()) {
            return;
        }
        if (!config.autoMigrate()) {
            for (String version : status.pendingVersions()) {
                LOG.warn("migration {} is pending; Z4J_AUTO_MIGRATE=false, so /api/v1/health/ready answers 503 "
                        + "schema_pending until `z4j migrate` runs", version);
            }
            return;
        }
        MigrationOutcome outcome = wiring.migrations.migrate(false);
        outcome.backup().ifPresent(backup -> LOG.info("backed up the database before migrating: {} ({} bytes, sha256 {})",
                backup.file(), backup.sizeBytes(), backup.sha256()));
        LOG.info("applied migrations {}", outcome.applied());
    }

    /**
     * {@code Z4J_BACKUP_INTERVAL_SECONDS}: a backup every interval, the first one interval after start, taken by the
     * cluster's leader (each replica schedules them; only the one leading at the time writes one).
     */
    private void scheduleBackups() {
        long seconds = config.backupInterval().toSeconds();
        if (seconds <= 0) {
            return;
        }
        backupSchedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "z4j-scheduled-backup");
            thread.setDaemon(true);
            return thread;
        });
        DatabaseBackups backups = wiring.backups;
        ClusterLeadership leadership = wiring.cluster.leadership;
        backupSchedule.scheduleWithFixedDelay(() -> {
            if (!leadership.isLeader()) {
                return;
            }
            try {
                DatabaseBackups.BackupReport report = backups.backup(Optional.empty());
                LOG.info("scheduled backup written: {} ({} bytes, sha256 {}){}", report.file(), report.sizeBytes(),
                        report.sha256(), report.removedByRotation().isEmpty() ? ""
                                : "; rotated away " + report.removedByRotation());
            } catch (RuntimeException e) {
                LOG.error("scheduled backup failed: {}", e.getMessage());
            }
        }, seconds, seconds, TimeUnit.SECONDS);
        LOG.info("scheduled backups every {} s into {}, keeping {}", seconds, config.home().backups(),
                config.backupKeep());
    }

    /**
     * On the cluster's leader: event retention, hourly (the first pass a minute after start, when the brain has
     * settled); the command timeout sweep every 5 s.
     */
    private void scheduleHousekeeping() {
        housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "z4j-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        EventRetention retention = wiring.retention;
        CommandDispatcher commands = wiring.commands;
        ClusterLeadership leadership = wiring.cluster.leadership;
        housekeeping.scheduleWithFixedDelay(() -> {
            if (leadership.isLeader()) {
                run("event retention", retention::prune);
            }
        }, 60, RETENTION_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        long sweepMillis = COMMAND_SWEEP_INTERVAL.toMillis();
        housekeeping.scheduleWithFixedDelay(() -> {
            if (leadership.isLeader()) {
                run("command timeout sweep", commands::sweepTimeouts);
            }
        }, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** A background job's pass; a failure is logged and the next pass comes as scheduled. */
    private static void run(String job, Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed; it runs again at its next interval: {}", job, e.getMessage());
        }
    }

    /** Headless installs: the first owner from Z4J_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD, while no owner exists. */
    private void bootstrapOwner() {
        Optional<String> email = config.bootstrapAdminEmail();
        Optional<String> password = config.bootstrapAdminPassword();
        if (email.isEmpty() && password.isEmpty()) {
            return;
        }
        if (email.isEmpty() || password.isEmpty()) {
            throw new ConfigException("set both Z4J_BOOTSTRAP_ADMIN_EMAIL and Z4J_BOOTSTRAP_ADMIN_PASSWORD, or neither");
        }
        try {
            wiring.firstBoot.bootstrap(Caller.brain(), email.get(), password.get()).ifPresent(owner ->
                    LOG.info("created the first owner {} from Z4J_BOOTSTRAP_ADMIN_EMAIL; remove "
                            + "Z4J_BOOTSTRAP_ADMIN_PASSWORD from the environment", owner.email()));
        } catch (Refusal refusal) {
            boolean aboutEmail = refusal.reason().equals("invalid_email") || refusal.reason().equals("email_taken");
            String variable = aboutEmail ? "Z4J_BOOTSTRAP_ADMIN_EMAIL" : "Z4J_BOOTSTRAP_ADMIN_PASSWORD";
            throw new ConfigException(variable + ": " + refusal.getMessage());
        }
    }

    private HttpSettings httpSettings() {
        List<Cidr> proxies;
        try {
            proxies = config.trustedProxies().stream().map(Cidr::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Z4J_TRUSTED_PROXIES: " + e.getMessage());
        }
        boolean hsts = config.production() && config.publicUrl().startsWith("https://");
        return new HttpSettings(AllowedHosts.effective(config), proxies, config.maxBodyBytes(),
                hsts ? 31_536_000 : 0, config.production(), config.publicUrl(), WebSocketApi.OWN_BODY_LIMITS,
                MetricsToken.of(config.metricsAuthToken()));
    }

    /**
     * Every HTTP route the brain serves, as {@code "GET /api/v1/projects/{slug}/agents"} (method, then Javalin's
     * path template), in registration order: for an embedding application's proxy rules and for tests that must
     * cover every route.
     */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /** The port HTTP listens (or listened) on; useful with port 0. */
    public int port() {
        return port;
    }

    /**
     * The audit chain of this brain, for an embedding application to record its own side effects (inside its
     * transaction when it shares the database) and to read the verification state.
     */
    public AuditTrail audit() {
        if (wiring == null) {
            throw new IllegalStateException("the brain is not started");
        }
        return wiring.audit;
    }

    /** The setup URL minted at start, while no owner exists. */
    public Optional<SetupInvitation> setupInvitation() {
        return setupInvitation;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.enterPhase(BrainPhase.STOPPING);
        }
        if (backupSchedule != null) {
            backupSchedule.shutdownNow();
            backupSchedule = null;
        }
        if (auditSchedule != null) {
            auditSchedule.close();
            auditSchedule = null;
        }
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            housekeeping = null;
        }
        if (agentsApi != null) {
            agentsApi.close();
            agentsApi = null;
        }
        if (dashboard != null) {
            dashboard.close();
            dashboard = null;
        }
        if (javalin != null) {
            javalin.stop();
            javalin = null;
        }
        if (wiring != null) {
            wiring.close();
            wiring = null;
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    /** The configured HTTP port is taken by another process. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(int port) {
            super("port " + port + " is already in use (set Z4J_BIND_PORT)", null, false, false);
        }
    }

    /** Builds a brain from a home directory and settings; every {@code Z4J_} setting can be given. */
    public static final class Builder {
        private Path home;
        private final Map<String, String> environment = new HashMap<>();
        private final Map<String, String> overrides = new HashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The home directory ({@code Z4J_HOME}); defaults to {@code Z4J_HOME} of the environment, else ~/.z4j. */
        public Builder home(Path dir) {
            this.home = dir;
            return this;
        }

        /** Settings read as if from the process environment (lower precedence than {@link #setting}). */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** One {@code Z4J_} setting, overriding the environment and the home's files. */
        public Builder setting(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public Builder secret(String secret) {
            return setting("Z4J_SECRET", secret);
        }

        public Builder databaseUrl(String url) {
            return setting("Z4J_DATABASE_URL", url);
        }

        public Builder bind(String host, int port) {
            setting("Z4J_BIND_HOST", host);
            return setting("Z4J_BIND_PORT", Integer.toString(port));
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws ConfigException naming the first bad setting */
        public Z4jBrain build() {
            Home resolved = home != null ? new Home(home) : Home.resolve(environment);
            Map<String, String> merged = new HashMap<>(environment);
            merged.putAll(overrides);
            Settings settings = Settings.load(merged, resolved);
            return new Z4jBrain(Z4jConfig.from(settings, resolved), clock);
        }
    }
}
