package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.ConnectionFailures;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.MigrationFailedException;
import dev.z4j.ports.system.SchemaMigrations;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * The migration chain on Flyway: one chain of versions, SQL per dialect under {@code db/migration/<dialect>}.
 * All pending migrations apply in one transaction, so a failure leaves the schema as it was.
 */
public final class FlywaySchema implements SchemaMigrations {

    private final DatabaseUrl url;
    private final Flyway flyway;

    public FlywaySchema(DatabaseUrl url) {
        this(url, List.of(url.dialect().migrationLocation()));
    }

    /** With other migration locations: tests prove with a failing migration that the chain applies atomically. */
    FlywaySchema(DatabaseUrl url, List<String> locations) {
        this.url = url;
        this.flyway = Flyway.configure(FlywaySchema.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null))
                .locations(locations.toArray(String[]::new))
                .group(true)
                .placeholderReplacement(false)
                .cleanDisabled(true)
                .validateOnMigrate(true)
                .load();
    }

    @Override
    public SchemaStatus status() {
        MigrationInfoService info = info();
        Optional<String> current = Optional.ofNullable(info.current()).map(m -> m.getVersion().getVersion());
        List<String> pending = Arrays.stream(info.pending()).map(m -> m.getVersion().getVersion()).toList();
        boolean future = Arrays.stream(info.all()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                || m.getState() == MigrationState.FUTURE_FAILED);
        String latestKnown = Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .max(Comparator.comparing(MigrationInfo::getVersion))
                .map(m -> m.getVersion().getVersion())
                .orElse("none");
        return new SchemaStatus(current, latestKnown, pending, future);
    }

    @Override
    public List<MigrationEntry> history() {
        return Arrays.stream(info().all())
                .filter(m -> m.getVersion() != null)
                .map(m -> new MigrationEntry(m.getVersion().getVersion(), m.getDescription(), state(m.getState()),
                        Optional.ofNullable(m.getInstalledOn()).map(java.util.Date::toInstant)))
                .toList();
    }

    @Override
    public List<String> migrate() {
        try {
            MigrateResult result = flyway.migrate();
            return result.migrations.stream().map(m -> m.version).toList();
        } catch (FlywayException e) {
            throw translate(e);
        }
    }

    private MigrationInfoService info() {
        try {
            return flyway.info();
        } catch (FlywayException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(FlywayException e) {
        if (ConnectionFailures.isConnectionFailure(e)) {
            return new DatabaseUnavailableException(ConnectionFailures.describe(e, url), e);
        }
        if (e.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
            return new MigrationFailedException(Optional.empty(), "the database " + url.location() + " already holds "
                    + "tables but no z4j migration history: it is not a z4j database; point Z4J_DATABASE_URL at an "
                    + "empty database or at a z4j one", e);
        }
        if (e instanceof FlywayMigrateException failed && failed.getMigration() != null) {
            MigrationInfo migration = failed.getMigration();
            String version = migration.getVersion() == null ? "?" : migration.getVersion().getVersion();
            return new MigrationFailedException(Optional.of(version), "migration V" + version + " ("
                    + migration.getDescription() + ") failed: " + rootReason(e), e);
        }
        return new MigrationFailedException(Optional.empty(), oneLine(e), e);
    }

    /** The database's own words (SQL state and message), without Flyway's report around them. */
    private static String rootReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String message = sql.getMessage() == null ? "" : sql.getMessage().lines().findFirst().orElse("");
                return message + (sql.getSQLState() == null ? "" : " (SQL state " + sql.getSQLState() + ")");
            }
        }
        return oneLine(e);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return String.join(" ", message.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("-"))
                .limit(4).toList());
    }

    private static MigrationEntry.State state(MigrationState state) {
        if (state.isFailed()) {
            return MigrationEntry.State.FAILED;
        }
        if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
            return MigrationEntry.State.FUTURE;
        }
        return state.isApplied() ? MigrationEntry.State.APPLIED : MigrationEntry.State.PENDING;
    }
}
