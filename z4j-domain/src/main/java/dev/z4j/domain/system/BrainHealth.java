package dev.z4j.domain.system;

import dev.z4j.ports.system.BrainInfo;
import dev.z4j.ports.system.DatabaseProbe;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.DiskSpace;
import dev.z4j.ports.system.RowCounts;
import dev.z4j.ports.system.SchemaMigrations;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import dev.z4j.ports.system.SystemHealth;
import java.util.ArrayList;
import java.util.List;

/** Answers readiness, the operator checks and the status report from the database out-ports. */
public final class BrainHealth implements SystemHealth {

    /** SQLite needs room to grow its WAL and to checkpoint it; below this, commits start failing. */
    public static final long SQLITE_FREE_DISK_FLOOR_BYTES = 100L * 1024 * 1024;

    private final BrainInfo brain;
    private final DatabaseProbe database;
    private final SchemaMigrations schema;
    private final RowCounts rows;
    private final DiskSpace disk;

    public BrainHealth(BrainInfo brain, DatabaseProbe database, SchemaMigrations schema, RowCounts rows, DiskSpace disk) {
        this.brain = brain;
        this.database = database;
        this.schema = schema;
        this.rows = rows;
        this.disk = disk;
    }

    @Override
    public Readiness readiness() {
        try {
            database.ping();
        } catch (DatabaseUnavailableException e) {
            return new Readiness(false, "database");
        }
        SchemaStatus status = schema.status();
        if (!status.pendingVersions().isEmpty()) {
            return new Readiness(false, "schema_pending");
        }
        if (status.newerThanThisBuild()) {
            return new Readiness(false, "schema_newer_than_brain");
        }
        return Readiness.ok();
    }

    @Override
    public List<CheckResult> check() {
        List<CheckResult> results = new ArrayList<>();
        DatabaseProbe.DatabaseDescription description;
        try {
            database.ping();
            description = database.describe();
            results.add(CheckResult.pass("database", describe(description)));
        } catch (DatabaseUnavailableException e) {
            results.add(CheckResult.fail("database", e.getMessage()));
            results.add(CheckResult.fail("schema", "not checked: the database is unreachable"));
            results.add(diskCheck());
            return results;
        }
        results.add(schemaCheck(schema.status()));
        results.add(diskCheck());
        return results;
    }

    @Override
    public StatusReport status() {
        SchemaStatus status = schema.status();
        return new StatusReport(brain.version(), brain.environment(), database.describe(), status.currentVersion(),
                status.pendingVersions(), rows.count());
    }

    private static CheckResult schemaCheck(SchemaStatus status) {
        String current = status.currentVersion().orElse("none");
        if (status.newerThanThisBuild()) {
            return CheckResult.fail("schema", "database schema version " + current
                    + " is newer than this brain knows (" + status.latestKnownVersion() + "); upgrade z4j");
        }
        if (!status.pendingVersions().isEmpty()) {
            int n = status.pendingVersions().size();
            return CheckResult.fail("schema", n + " pending migration" + (n == 1 ? "" : "s") + " ("
                    + String.join(", ", status.pendingVersions()) + "), schema at " + current + "; run `z4j migrate`");
        }
        return CheckResult.pass("schema", "version " + current + ", current");
    }

    private CheckResult diskCheck() {
        return disk.atDatabase().map(usage -> {
            String figures = formatBytes(usage.freeBytes()) + " free of " + formatBytes(usage.totalBytes())
                    + " at " + usage.path();
            if (usage.freeBytes() < SQLITE_FREE_DISK_FLOOR_BYTES) {
                return CheckResult.fail("disk", figures + ", below the " + formatBytes(SQLITE_FREE_DISK_FLOOR_BYTES)
                        + " SQLite needs for WAL commits; free space or rotate backups");
            }
            return CheckResult.pass("disk", figures);
        }).orElse(CheckResult.pass("disk", "not applicable (database is remote)"));
    }

    private static String describe(DatabaseProbe.DatabaseDescription d) {
        return d.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + d.location();
    }

    /** Binary units with one decimal, as {@code df -h} prints them. */
    public static String formatBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
