package dev.z4j.app;

import dev.z4j.adapter.http.IdentityPorts;
import dev.z4j.adapter.jdbc.identity.JdbcLoginAttemptStore;
import dev.z4j.adapter.jdbc.identity.JdbcSessionStore;
import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.identity.JdbcSetupTokenStore;
import dev.z4j.adapter.jdbc.identity.JdbcUserStore;
import dev.z4j.adapter.jdbc.identity.SetupTokenInvalidation;
import dev.z4j.adapter.jdbc.projects.JdbcMembershipStore;
import dev.z4j.adapter.jdbc.projects.JdbcProjectStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.FlywaySchema;
import dev.z4j.adapter.jdbc.system.JdbcDatabaseProbe;
import dev.z4j.adapter.jdbc.system.JdbcRowCounts;
import dev.z4j.adapter.jdbc.system.SqliteDiskSpace;
import dev.z4j.app.identity.Argon2PasswordHasher;
import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.identity.LoginThrottle;
import dev.z4j.domain.identity.OwnAccount;
import dev.z4j.domain.identity.PasswordPolicy;
import dev.z4j.domain.identity.SessionIssuer;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.domain.identity.SetupInvitations;
import dev.z4j.domain.identity.SignIn;
import dev.z4j.domain.identity.UserDirectory;
import dev.z4j.domain.projects.ProjectCatalog;
import dev.z4j.domain.projects.ProjectMembers;
import dev.z4j.domain.system.BrainHealth;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.PasswordHasher;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.system.BrainInfo;
import dev.z4j.ports.system.SecretBoundState;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.SystemHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Builds the stores and services on one database: the part of the composition shared by the running brain
 * ({@link Z4jBrain}) and the offline operator commands ({@link CliContext}). Constructors and nothing else.
 */
final class Wiring implements AutoCloseable {

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
    /**
     * What {@code rotate-secret} ends because it is bound to the old secret. Sessions and agent credentials join this
     * list when their stores exist.
     */
    final List<SecretBoundState> secretBoundState;
    final SystemHealth health;
    final PasswordHasher hasher;
    final Authentication authentication;
    final Accounts accounts;
    final FirstBoot firstBoot;
    final UserAdministration users;
    final ProjectCatalog projects;
    final Memberships memberships;

    private Wiring(Z4jConfig config, Clock clock, DatabaseUrl url, Database database) {
        this.config = config;
        this.clock = clock;
        this.url = url;
        this.database = database;
        this.schema = new FlywaySchema(url);
        this.secrets = SecretKeys.of(config.secret(), config.previousSecrets());
        this.audit = new AuditChain(new JdbcAuditLog(database), database, secrets, clock);
        this.secretBoundState = List.of(new SetupTokenInvalidation(database));
        BrainInfo brain = new BrainInfo(BrainVersion.current(), config.environment().name().toLowerCase(Locale.ROOT));
        this.health = new BrainHealth(brain, new JdbcDatabaseProbe(database), schema, new JdbcRowCounts(database),
                new SqliteDiskSpace(url));

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
        this.projects = new ProjectCatalog(projectStore, membershipStore, audit, database, clock);
        this.memberships = new ProjectMembers(projects, membershipStore, userStore, audit, database, clock);
    }

    /** Opens the database named by the configuration (without migrating it). */
    static Wiring open(Z4jConfig config, Clock clock) {
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(config.databaseUrl(), config.home().dir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Z4J_DATABASE_URL: " + e.getMessage());
        }
        if (url.sqliteFile().isPresent() && url.sqliteFile().get().startsWith(config.home().dir())) {
            config.home().ensureWritable();
        }
        Database database = Database.open(url, config.databasePoolSize());
        return new Wiring(config, clock, url, database);
    }

    IdentityPorts identityPorts() {
        return new IdentityPorts(authentication, accounts, firstBoot, users, projects, projects, memberships);
    }

    @Override
    public void close() {
        database.close();
    }
}
