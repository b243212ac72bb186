package dev.z4j.domain.system;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.system.DatabaseBackups;
import dev.z4j.ports.system.DatabaseBackups.BackupReport;
import dev.z4j.ports.system.Migrations;
import dev.z4j.ports.system.SchemaMigrations;
import dev.z4j.ports.system.SchemaMigrations.MigrationEntry;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies pending migrations, after a backup whenever the database already holds a schema ("before any upgrade, a
 * backup"), and records {@code system.migrate} naming the versions and the backup.
 */
public final class MigrationRunner implements Migrations {

    private final SchemaMigrations schema;
    private final DatabaseBackups backups;
    private final AuditTrail audit;
    private final Actor requester;

    /** @param requester who the audit row names: the operator ({@code z4j migrate}) or {@code system} (boot) */
    public MigrationRunner(SchemaMigrations schema, DatabaseBackups backups, AuditTrail audit, Actor requester) {
        this.schema = schema;
        this.backups = backups;
        this.audit = audit;
        this.requester = requester;
    }

    @Override
    public SchemaStatus status() {
        return schema.status();
    }

    @Override
    public List<MigrationEntry> history() {
        return schema.history();
    }

    @Override
    public MigrationOutcome migrate(boolean withoutBackup) {
        SchemaStatus status = schema.status();
        if (status.newerThanThisBuild()) {
            throw new SchemaTooNewException("the database schema (version " + status.currentVersion().orElse("?")
                    + ") is newer than this z4j knows (" + status.latestKnownVersion() + "); install the newer z4j, "
                    + "or restore a backup taken before the upgrade");
        }
        if (status.pendingVersions().isEmpty()) {
            return new MigrationOutcome(List.of(), Optional.empty());
        }
        String target = status.pendingVersions().get(status.pendingVersions().size() - 1);
        Optional<BackupReport> backup = Optional.empty();
        if (status.currentVersion().isPresent()) {
            Optional<String> unavailable = backups.unavailableReason();
            if (unavailable.isEmpty()) {
                backup = Optional.of(backups.backupBeforeMigration(target));
            } else if (!withoutBackup) {
                throw new BackupRequiredException(status.pendingVersions().size() + " migration(s) pending ("
                        + String.join(", ", status.pendingVersions()) + ") and no backup can be taken first: "
                        + unavailable.get() + ". Take a backup another way, then run `z4j migrate --yes`");
            }
        }
        List<String> applied = schema.migrate();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("from_version", status.currentVersion().orElse("none"));
        metadata.put("to_version", target);
        metadata.put("applied", applied);
        metadata.put("backup", backup.map(b -> b.file().toString()).orElse("none"));
        backup.ifPresent(b -> metadata.put("backup_sha256", b.sha256()));
        audit.record(AuditEntry.of(requester, "system.migrate", "database", null).withMetadata(metadata));
        return new MigrationOutcome(applied, backup);
    }
}
