package dev.z4j.domain.system;

import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.AgentsOnline;
import dev.z4j.ports.system.BrainInfo;
import dev.z4j.ports.system.DatabaseProbe;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.DiskSpace;
import dev.z4j.ports.system.OperationsJournal;
import dev.z4j.ports.system.OperationsJournal.BackupRecord;
import dev.z4j.ports.system.ReplicaRegistry;
import dev.z4j.ports.system.RowCounts;
import dev.z4j.ports.system.SchemaMigrations;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import dev.z4j.ports.system.SystemHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Answers readiness, the operator checks, the status report and the doctor's advice from the out-ports. */
public final class BrainHealth implements SystemHealth {

    /** SQLite needs room to grow its WAL and to checkpoint it; below this, commits start failing. */
    public static final long SQLITE_FREE_DISK_FLOOR_BYTES = 100L * 1024 * 1024;
    /** Below this (or 10 % of the disk), doctor warns before check fails. */
    static final long LOW_DISK_BYTES = 1024L * 1024 * 1024;
    static final Duration BACKUP_MAX_AGE = Duration.ofDays(1);
    static final Duration AUDIT_VERIFICATION_MAX_AGE = Duration.ofDays(7);

    private final BrainInfo brain;
    private final DatabaseProbe database;
    private final SchemaMigrations schema;
    private final RowCounts rows;
    private final DiskSpace disk;
    private final AuditTrail audit;
    private final OperationsJournal journal;
    private final AgentsOnline agentsOnline;
    private final ReplicaRegistry replicas;
    private final Clock clock;

    public BrainHealth(BrainInfo brain, DatabaseProbe database, SchemaMigrations schema, RowCounts rows, DiskSpace disk,
                       AuditTrail audit, OperationsJournal journal, AgentsOnline agentsOnline, ReplicaRegistry replicas,
                       Clock clock) {
        this.brain = brain;
        this.database = database;
        this.schema = schema;
        this.rows = rows;
        this.disk = disk;
        this.audit = audit;
        this.journal = journal;
        this.agentsOnline = agentsOnline;
        this.replicas = replicas;
        this.clock = clock;
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
        try {
            database.ping();
            results.add(CheckResult.pass("database", describe(database.describe())));
        } catch (DatabaseUnavailableException e) {
            results.add(CheckResult.fail("database", e.getMessage()));
            results.add(CheckResult.fail("schema", "not checked: the database is unreachable"));
            results.add(diskCheck());
            results.add(CheckResult.fail("audit", "not checked: the database is unreachable"));
            return results;
        }
        SchemaStatus status = schema.status();
        results.add(schemaCheck(status));
        results.add(diskCheck());
        results.add(auditCheck(status));
        return results;
    }

    @Override
    public StatusReport status() {
        SchemaStatus status = schema.status();
        boolean initialised = status.currentVersion().isPresent();
        return new StatusReport(brain.version(), brain.environment(), database.describe(), status.currentVersion(),
                status.pendingVersions(), rows.count(), status.isCurrent() ? agentsOnline.count() : OptionalLong.empty(),
                initialised ? journal.lastBackup() : Optional.empty(),
                status.isCurrent() ? replicaStatuses() : List.of());
    }

    /** The replicas seen in the last hour; running when seen within the presumed-dead window. */
    private List<ReplicaStatus> replicaStatuses() {
        Instant now = clock.instant();
        Instant alive = now.minus(ReplicaRegistry.PRESUMED_DEAD_AFTER);
        return replicas.seenSince(now.minus(ReplicaRegistry.FORGOTTEN_AFTER)).stream()
                .map(r -> new ReplicaStatus(r, !r.lastSeenAt().isBefore(alive)))
                .toList();
    }

    @Override
    public List<String> advice() {
        List<String> advice = new ArrayList<>();
        Instant now = clock.instant();
        OptionalLong owners = rows.activeOwners();
        if (owners.isPresent() && owners.getAsLong() == 0) {
            advice.add("no active owner: finish setup in the browser, or create one with `z4j createsuperuser`");
        } else if (owners.isPresent() && owners.getAsLong() == 1) {
            advice.add("only one active owner: if that account is lost, only shell access recovers the installation; "
                    + "add a second owner");
        }
        Optional<BackupRecord> backup = journal.lastBackup();
        if (backup.isEmpty()) {
            advice.add("no backup recorded: run `z4j backup` (or set Z4J_BACKUP_INTERVAL_SECONDS) and copy it and "
                    + "secret.env off the host");
        } else if (Duration.between(backup.get().takenAt(), now).compareTo(BACKUP_MAX_AGE) > 0) {
            advice.add("the last backup is " + age(backup.get().takenAt(), now) + " old (" + backup.get().file()
                    + "): run `z4j backup`, or set Z4J_BACKUP_INTERVAL_SECONDS=86400");
        }
        if (rows.count().containsKey("audit_log")) {
            Optional<VerificationStatus> verified = lastVerification();
            if (verified.isEmpty()) {
                advice.add("the audit chain has never been verified: run `z4j audit verify`");
            } else if (!verified.get().intact()) {
                advice.add("the last audit verification did not pass (" + verified.get().summary() + "): follow the "
                        + "audit-tampered playbook (`z4j audit evidence` first)");
            } else if (Duration.between(verified.get().finishedAt(), now).compareTo(AUDIT_VERIFICATION_MAX_AGE) > 0) {
                advice.add("the audit chain was last verified " + age(verified.get().finishedAt(), now)
                        + " ago: run `z4j audit verify` (monthly at least), or keep Z4J_AUDIT_VERIFY_INTERVAL_SECONDS on");
            }
        }
        disk.atDatabase().ifPresent(usage -> {
            if (usage.freeBytes() >= SQLITE_FREE_DISK_FLOOR_BYTES
                    && (usage.freeBytes() < LOW_DISK_BYTES || usage.freeBytes() * 10 < usage.totalBytes())) {
                advice.add("low disk: " + usage.dfFigures() + "; free space or rotate backups before SQLite reaches its "
                        + DiskSpace.Usage.formatBytes(SQLITE_FREE_DISK_FLOOR_BYTES) + " floor for WAL commits");
            }
        });
        return advice;
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
            if (usage.freeBytes() < SQLITE_FREE_DISK_FLOOR_BYTES) {
                return CheckResult.fail("disk", usage.dfFigures() + ", below the "
                        + DiskSpace.Usage.formatBytes(SQLITE_FREE_DISK_FLOOR_BYTES) + " SQLite needs for WAL commits; free space or "
                        + "rotate backups");
            }
            return CheckResult.pass("disk", usage.dfFigures());
        }).orElse(CheckResult.pass("disk", "not applicable (database is remote)"));
    }

    /** The audit head is readable (a full walk is {@code z4j audit verify}). */
    private CheckResult auditCheck(SchemaStatus status) {
        if (!status.isCurrent()) {
            return CheckResult.fail("audit", "not checked until the schema is current");
        }
        try {
            return audit.head().map(head -> CheckResult.pass("audit", "head at row " + head.seq() + ", key "
                    + head.keyId())).orElse(CheckResult.pass("audit", "log empty"));
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return CheckResult.fail("audit", "cannot read the audit head: " + message.lines().findFirst().orElse(""));
        }
    }

    /** Only once the audit table exists: on an older schema there is nothing to read yet. */
    private Optional<VerificationStatus> lastVerification() {
        return rows.count().containsKey("audit_log") ? audit.lastVerification() : Optional.empty();
    }

    private static String age(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.toDays() >= 1) {
            return d.toDays() + " day" + (d.toDays() == 1 ? "" : "s");
        }
        return d.toHours() + " hour" + (d.toHours() == 1 ? "" : "s");
    }

    private static String describe(DatabaseProbe.DatabaseDescription d) {
        return d.kind().name().toLowerCase(Locale.ROOT) + " " + d.location();
    }
}
