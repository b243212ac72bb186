package dev.z4j.ports.system;

import dev.z4j.ports.system.DatabaseBackups.BackupReport;
import dev.z4j.ports.system.SchemaMigrations.MigrationEntry;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import java.util.List;
import java.util.Optional;

/**
 * In-port: the database schema for operators and for boot. {@link #migrate} first takes a backup when the database
 * already holds a schema ({@code backups/z4j-pre-migrate-<version>}); when no backup can be taken (PostgreSQL without
 * a usable pg_dump) it refuses unless the caller accepts going on without one. It records {@code system.migrate} with
 * the actor the service was built for.
 */
public interface Migrations {

    SchemaStatus status();

    List<MigrationEntry> history();

    /**
     * @param withoutBackup go on when no pre-migration backup can be taken ({@code z4j migrate --yes})
     * @throws MigrationFailedException  a migration failed; the schema is unchanged
     * @throws BackupRequiredException   no backup could be taken and {@code withoutBackup} is false
     * @throws SchemaTooNewException     the database is newer than this build
     */
    MigrationOutcome migrate(boolean withoutBackup);

    /** @param backup the copy taken first; empty when there was nothing to lose or nothing was pending */
    record MigrationOutcome(List<String> applied, Optional<BackupReport> backup) {
        public MigrationOutcome {
            applied = List.copyOf(applied);
        }
    }

    /** Migrations are pending on a database with data, and no backup could be taken first. */
    final class BackupRequiredException extends RuntimeException {
        public BackupRequiredException(String message) {
            super(message, null, false, false);
        }
    }

    /** The database was migrated by a newer z4j; this build must not touch it. */
    final class SchemaTooNewException extends RuntimeException {
        public SchemaTooNewException(String message) {
            super(message, null, false, false);
        }
    }
}
