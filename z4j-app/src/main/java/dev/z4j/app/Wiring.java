package dev.z4j.app;

import dev.z4j.adapter.http.IdentityPorts;
import dev.z4j.adapter.jdbc.agents.AgentCredentialInvalidation;
import dev.z4j.adapter.jdbc.agents.JdbcAgentLivenessStore;
import dev.z4j.adapter.jdbc.agents.JdbcAgentReplicas;
import dev.z4j.adapter.jdbc.agents.JdbcAgentStore;
import dev.z4j.adapter.jdbc.agents.JdbcAgentTokenStore;
import dev.z4j.adapter.jdbc.agents.JdbcAgentsOnline;
import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.identity.JdbcLoginAttemptStore;
import dev.z4j.adapter.jdbc.identity.JdbcSessionStore;
import dev.z4j.adapter.jdbc.identity.JdbcSetupTokenStore;
import dev.z4j.adapter.jdbc.identity.JdbcUserStore;
import dev.z4j.adapter.jdbc.commands.JdbcCommandStore;
import dev.z4j.adapter.jdbc.ingest.JdbcIngestStore;
import dev.z4j.adapter.jdbc.ingest.JdbcTaskReadStore;
import dev.z4j.adapter.jdbc.schedules.JdbcScheduleStore;
import dev.z4j.adapter.jdbc.identity.SessionInvalidation;
import dev.z4j.adapter.jdbc.identity.SetupTokenInvalidation;
import dev.z4j.adapter.jdbc.projects.JdbcMembershipStore;
import dev.z4j.adapter.jdbc.projects.JdbcProjectStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.system.FlywaySchema;
import dev.z4j.adapter.jdbc.system.JdbcDatabaseProbe;
import dev.z4j.adapter.jdbc.system.JdbcOperationsJournal;
import dev.z4j.adapter.jdbc.system.JdbcReplicaRegistry;
import dev.z4j.adapter.jdbc.system.JdbcRowCounts;
import dev.z4j.adapter.jdbc.system.PostgresSnapshots;
import dev.z4j.adapter.jdbc.system.PostgresTools;
import dev.z4j.adapter.jdbc.system.SqliteDiskSpace;
import dev.z4j.adapter.jdbc.system.SqliteSnapshots;
import dev.z4j.app.identity.Argon2PasswordHasher;
import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.ClusterChangeFeed;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.system.LocalChangeFeed;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.agents.AgentEnrollment;
import dev.z4j.domain.agents.ClusterAgentSessions;
import dev.z4j.domain.agents.AgentLiveness;
import dev.z4j.domain.agents.CredentialNotices;
import dev.z4j.domain.agents.PresenceNotices;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.domain.identity.LoginThrottle;
import dev.z4j.domain.identity.OwnAccount;
import dev.z4j.domain.identity.PasswordPolicy;
import dev.z4j.domain.identity.SessionIssuer;
import dev.z4j.domain.identity.SessionOverview;
import dev.z4j.domain.identity.SetupInvitations;
import dev.z4j.domain.identity.SignIn;
import dev.z4j.domain.identity.UserDirectory;
import dev.z4j.domain.commands.ClusterAgentChannel;
import dev.z4j.domain.commands.CommandDispatcher;
import dev.z4j.domain.commands.WaitingCommands;
import dev.z4j.domain.ingest.EventIngestor;
import dev.z4j.domain.schedules.ScheduleCatalog;
import dev.z4j.domain.ingest.IngestLimits;
import dev.z4j.domain.ingest.RetentionSweep;
import dev.z4j.domain.ingest.TaskHistory;
import dev.z4j.domain.projects.ProjectCatalog;
import dev.z4j.domain.projects.ProjectMembers;
import dev.z4j.domain.system.Backups;
import dev.z4j.domain.system.BrainHealth;
import dev.z4j.domain.system.MetricsReport;
import dev.z4j.domain.system.MigrationRunner;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentSessions;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditInspection;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.PasswordHasher;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.ingest.EventRetention;
import dev.z4j.ports.ingest.TaskQueries;
import dev.z4j.ports.identity.UserSessions;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.system.BrainInfo;
import dev.z4j.ports.system.ChangeFeed;
import dev.z4j.ports.system.BrainMetrics;
import dev.z4j.ports.system.DatabaseBackups;
import dev.z4j.ports.system.DatabaseSnapshots;
import dev.z4j.ports.system.Migrations;
import dev.z4j.ports.system.OperationsJournal;
import dev.z4j.ports.system.SecretBoundState;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.SystemHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the stores and services on one database: the part of the composition shared by the running brain
 * ({@link Z4jBrain}), the offline operator commands ({@link CliContext}) and the checks run on a backup being
 * restored or drilled. Constructors and nothing else.
 */
final class Wiring implements AutoCloseable {

    /**
     * A process without a gateway (the operator CLI, a backup under validation) holds no agent sessions; the
     * brain that does ends them on their next heartbeat, when its credential is no longer current.
     */
    static final AgentSessions NO_LIVE_AGENT_SESSIONS = (agentId, throughGeneration) -> { };

    /** A process without a gateway reaches no agent: commands cannot be issued from it. */
    static final AgentChannel NO_AGENT_CHANNEL = new AgentChannel() {
        @Override
        public boolean deliver(AgentCommand command) {
            return false;
        }

        @Override
        public boolean reachable(UUID agentId) {
            return false;
        }
    };

    /** Retention deletes this many rows per transaction, pausing this long between two. */
    static final int RETENTION_BATCH = 1000;
    static final Duration RETENTION_PAUSE = Duration.ofMillis(50);

    /** How long a sign-in waits for its turn at Argon2 before it is refused as busy. */
    static final Duration HASHING_MAX_WAIT = Duration.ofSeconds(10);

    final Z4jConfig config;
    final Clock clock;
    final DatabaseUrl url;
    final Database database;
    final FlywaySchema schema;
    final SecretKeys secrets;
    /** The audit chain: every feature records its side effects here, inside its own transaction. */
    final AuditTrail audit;
    final AuditInspection auditInspection;
    final OperationsJournal journal;
    final DatabaseBackups backups;
    final Migrations migrations;
    final JdbcRowCounts rows;
    /** What {@code rotate-secret} ends because it is bound to the old secret. */
    final List<SecretBoundState> secretBoundState;
    final SystemHealth health;
    final PasswordHasher hasher;
    final Authentication authentication;
    final Accounts accounts;
    final FirstBoot firstBoot;
    final UserAdministration users;
    final UserSessions sessions;
    final ProjectCatalog projects;
    final Memberships memberships;
    final AgentCredentials agents;
    /** This process among the replicas sharing the database. */
    final Cluster cluster;
    /** What live views subscribe to: this process's publications, and with several replicas the others' too. */
    final ChangeFeed changes;
    final AgentPresence presence;
    final EventIngestor ingestion;
    final BrainMetrics metrics;
    final EventRetention retention;
    final TaskQueries tasks;
    /** Operator commands to agents: the in-port of the REST routes, and what the gateway tells about replies. */
    final CommandDispatcher commands;
    /** Pushes here the commands another replica issued for an agent this one holds. */
    private final WaitingCommands waitingCommands;
    /** Schedules as agents report them; their switches travel as commands. */
    final ScheduleCatalog schedules;

    private Wiring(Z4jConfig config, Clock clock, DatabaseUrl url, Database database, Actor requester,
                   AgentSessions liveSessions, AgentChannel agentChannel, Cluster cluster) {
        this.config = config;
        this.cluster = cluster;
        this.clock = clock;
        this.url = url;
        this.database = database;
        this.schema = new FlywaySchema(url);
        this.secrets = SecretKeys.of(config.secret(), config.previousSecrets());
        AuditChain chain = new AuditChain(new JdbcAuditLog(database), database, secrets, clock);
        this.audit = chain;
        this.auditInspection = chain;
        this.journal = new JdbcOperationsJournal(database, clock);
        DatabaseSnapshots snapshots = url.dialect() == Dialect.SQLITE ? new SqliteSnapshots(database)
                : new PostgresSnapshots(new PostgresTools(url, System.getenv()));
        this.backups = new Backups(snapshots, schema, journal, audit, database, clock, config.home().backups(),
                config.backupKeep(), requester);
        this.migrations = new MigrationRunner(schema, backups, audit, requester);
        this.secretBoundState = List.of(new SetupTokenInvalidation(database), new SessionInvalidation(database, clock),
                new AgentCredentialInvalidation(database));
        BrainInfo brain = new BrainInfo(BrainVersion.current(), config.environment().name().toLowerCase(Locale.ROOT));
        this.rows = new JdbcRowCounts(database);
        JdbcAgentsOnline agentsOnline = new JdbcAgentsOnline(database);
        this.health = new BrainHealth(brain, new JdbcDatabaseProbe(database), schema, rows, new SqliteDiskSpace(url),
                audit, journal, agentsOnline, new JdbcReplicaRegistry(database), clock);
        if (cluster.shared) {
            ClusterChangeFeed feed = new ClusterChangeFeed(new LocalChangeFeed(), cluster.bus);
            cluster.bus.subscribe(feed);
            this.changes = feed;
        } else {
            this.changes = new LocalChangeFeed();
        }

        JdbcUserStore userStore = new JdbcUserStore(database);
        JdbcSessionStore sessionStore = new JdbcSessionStore(database);
        JdbcSetupTokenStore setupTokens = new JdbcSetupTokenStore(database);
        JdbcProjectStore projectStore = new JdbcProjectStore(database);
        JdbcMembershipStore membershipStore = new JdbcMembershipStore(database);
        this.hasher = new Argon2PasswordHasher(config.argon2MemoryKib(), config.argon2Iterations(),
                config.argon2Parallelism(), Argon2PasswordHasher.defaultConcurrency(), HASHING_MAX_WAIT);
        PasswordPolicy policy = PasswordPolicy.withMinimumLength(config.passwordMinLength());
        LoginThrottle throttle = new LoginThrottle(new JdbcLoginAttemptStore(database), secrets,
                config.loginLockoutThreshold(), config.loginLockout());
        SessionIssuer issuer = new SessionIssuer(sessionStore, secrets, config.sessionIdleTimeout(),
                config.sessionAbsoluteLifetime());
        this.authentication = new SignIn(userStore, sessionStore, hasher, throttle, issuer, audit, database, clock);
        this.accounts = new OwnAccount(userStore, sessionStore, projectStore, membershipStore, hasher, policy,
                throttle, issuer, audit, database, clock);
        this.firstBoot = new SetupInvitations(setupTokens, userStore, projectStore, membershipStore, hasher, policy,
                throttle, issuer, audit, database, secrets, clock, config.publicUrl());
        this.users = new UserDirectory(userStore, sessionStore, setupTokens, hasher, policy, throttle, audit,
                database, clock);
        this.sessions = new SessionOverview(userStore, sessionStore, issuer, clock);
        this.projects = new ProjectCatalog(projectStore, membershipStore, audit, database, clock);
        this.memberships = new ProjectMembers(projects, membershipStore, userStore, audit, database, clock);
        JdbcAgentLivenessStore liveness = new JdbcAgentLivenessStore(database);
        ClusterAgentSessions everyReplicasSessions = new ClusterAgentSessions(liveSessions, cluster.bus);
        cluster.bus.subscribe(everyReplicasSessions);
        this.agents = new CredentialNotices(new AgentEnrollment(new JdbcAgentStore(database),
                new JdbcAgentTokenStore(database), liveness, projects, audit, everyReplicasSessions, database, secrets,
                clock), projects, changes);
        JdbcAgentReplicas agentReplicas = new JdbcAgentReplicas(database, cluster.replicaId, clock);
        this.presence = new PresenceNotices(new AgentLiveness(liveness, agentReplicas, database, cluster.leadership,
                clock, config.agentOfflineTimeout()), changes);
        JdbcIngestStore ingestStore = new JdbcIngestStore(database);
        this.ingestion = new EventIngestor(ingestStore, database, changes, clock,
                IngestLimits.defaults(config.eventsPerSecondPerProject()));
        this.retention = new RetentionSweep(ingestStore, database, clock,
                Duration.ofDays(config.eventRetentionDays()), RETENTION_BATCH, RETENTION_PAUSE);
        JdbcTaskReadStore taskReads = new JdbcTaskReadStore(database);
        this.tasks = new TaskHistory(taskReads, projects, clock);
        AgentChannel everyReplicasChannel = cluster.shared
                ? new ClusterAgentChannel(agentChannel, agentReplicas, cluster.bus) : agentChannel;
        this.commands = new CommandDispatcher(new JdbcCommandStore(database), taskReads, liveness, projects, audit,
                everyReplicasChannel, changes, database, clock, config.commandTimeout());
        this.waitingCommands = new WaitingCommands(commands, agentChannel);
        cluster.bus.subscribe(waitingCommands);
        this.schedules = new ScheduleCatalog(new JdbcScheduleStore(database), commands, projects, database, clock);
        this.metrics = new MetricsReport(audit, agentsOnline, ingestion);
    }

    /**
     * Verifies the whole audit chain of this database with the current and previous secrets: what restore and drill
     * ask of a backup. Rows signed by a key this brain does not hold do not count as verified.
     */
    ChainVerdict verifyAuditChain() {
        if (!rows.tables().contains("audit_log")) {
            return new ChainVerdict(true, "no audit log in this database");
        }
        VerificationReport report = audit.verify(VerificationRequest.wholeChain());
        String summary = report.summary();
        if (report.chainBreak().isPresent()) {
            VerificationReport.ChainBreak broken = report.chainBreak().get();
            summary += ": expected " + broken.field() + " " + abbreviate(broken.expected()) + ", got "
                    + abbreviate(broken.got()) + broken.occurredAt().map(t -> ", first-broken-row timestamp "
                    + t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).orElse("")
                    + broken.reason().map(r -> " (" + r + ")").orElse("");
        } else if (report.outcome() == VerificationReport.Outcome.UNVERIFIABLE) {
            summary += ": keys " + report.unverifiable().stream().map(VerificationReport.UnverifiableRange::keyId)
                    .distinct().toList() + "; set Z4J_PREVIOUS_SECRETS to the secret that signed them";
        }
        return new ChainVerdict(report.outcome() == VerificationReport.Outcome.INTACT, summary);
    }

    private static String abbreviate(String hex) {
        return hex.length() <= 6 ? hex : hex.substring(0, 6) + "...";
    }

    /** @param summary one line: {@code OK (walked N rows, chain intact)}, or the first broken row */
    record ChainVerdict(boolean intact, String summary) {
    }

    /**
     * Opens the database named by the configuration (without migrating it).
     *
     * @param requester who audit rows of operations name: the operator (CLI) or {@code system} (the brain)
     */
    static Wiring open(Z4jConfig config, Clock clock, Actor requester) {
        return open(config, liveUrl(config), clock, requester);
    }

    /** The live database for a brain whose gateway holds {@code liveSessions} and carries commands to agents. */
    static Wiring openForBrain(Z4jConfig config, Clock clock, AgentSessions liveSessions, AgentChannel agentChannel) {
        return open(config, liveUrl(config), clock, Actor.system(), liveSessions, agentChannel, true);
    }

    /** Opens another database with the same configuration and secrets: a backup under validation, a drill copy. */
    static Wiring open(Z4jConfig config, DatabaseUrl url, Clock clock, Actor requester) {
        return open(config, url, clock, requester, NO_LIVE_AGENT_SESSIONS, NO_AGENT_CHANNEL, false);
    }

    private static Wiring open(Z4jConfig config, DatabaseUrl url, Clock clock, Actor requester,
                               AgentSessions liveSessions, AgentChannel agentChannel, boolean brain) {
        if (url.sqliteFile().isPresent() && url.sqliteFile().get().startsWith(config.home().dir())) {
            config.home().ensureWritable();
        }
        Database database = Database.open(url, config.databasePoolSize());
        Cluster cluster = null;
        try {
            cluster = brain ? Cluster.forBrain(database, clock) : Cluster.forOperator(database, clock);
            return new Wiring(config, clock, url, database, requester, liveSessions, agentChannel, cluster);
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            database.close();
            throw e;
        }
    }

    /** The live database's location from {@code Z4J_DATABASE_URL} (SQLite in the home when unset). */
    static DatabaseUrl liveUrl(Z4jConfig config) {
        try {
            return DatabaseUrl.parse(config.databaseUrl(), config.home().dir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Z4J_DATABASE_URL: " + e.getMessage());
        }
    }

    IdentityPorts identityPorts() {
        return new IdentityPorts(authentication, accounts, firstBoot, users, projects, projects, memberships);
    }

    /** Commits what ingestion still holds, then closes the database. */
    @Override
    public void close() {
        ingestion.close();
        waitingCommands.close();
        if (changes instanceof ClusterChangeFeed feed) {
            feed.close();
        }
        cluster.close();
        database.close();
    }
}
