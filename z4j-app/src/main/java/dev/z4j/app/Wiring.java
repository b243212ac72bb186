package dev.z4j.app;

import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.identity.JdbcSetupTokenStore;
import dev.z4j.adapter.jdbc.identity.SetupTokenInvalidation;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.FlywaySchema;
import dev.z4j.adapter.jdbc.system.JdbcDatabaseProbe;
import dev.z4j.adapter.jdbc.system.JdbcRowCounts;
import dev.z4j.adapter.jdbc.system.SqliteDiskSpace;
import dev.z4j.app.system.BrainVersion;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.domain.identity.SetupInvitations;
import dev.z4j.domain.system.BrainHealth;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.system.BrainInfo;
import dev.z4j.ports.system.SecretBoundState;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.SystemHealth;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Builds the stores and services on one database: the part of the composition shared by the running brain
 * ({@link Z4jBrain}) and the offline operator commands ({@link CliContext}). Constructors and nothing else.
 */
final class Wiring implements AutoCloseable {

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
    final FirstBoot firstBoot;

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
        this.firstBoot = new SetupInvitations(new JdbcSetupTokenStore(database), () -> false, database, secrets,
                clock, config.publicUrl());
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

    @Override
    public void close() {
        database.close();
    }
}
