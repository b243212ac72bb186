package dev.z4j.domain.system;

import dev.z4j.domain.support.Checksums;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.DatabaseBackups;
import dev.z4j.ports.system.DatabaseSnapshots;
import dev.z4j.ports.system.OperationsJournal;
import dev.z4j.ports.system.OperationsJournal.BackupRecord;
import dev.z4j.ports.system.SchemaMigrations;
import dev.z4j.ports.system.Transactions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Takes backups through {@link DatabaseSnapshots}: writes to a hidden partial file, then moves it to a name that does
 * not exist yet (a copy is never overwritten and never visible half-written), writes the {@code .sha256}, rotates the
 * dated copies of the backups folder, and records the backup in the journal and the audit trail in one transaction.
 */
public final class Backups implements DatabaseBackups {

    private static final System.Logger LOG = System.getLogger(Backups.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);
    /** The dated copies rotation manages: {@code z4j-2026-04-24.db}, {@code z4j-2026-04-24-142205.db}, ... */
    private static final Pattern DATED = Pattern.compile(
            "^z4j-(\\d{4}-\\d{2}-\\d{2})(?:-(\\d{6}))?(?:-(\\d+))?\\.(?:db|dump)$");

    private final DatabaseSnapshots snapshots;
    private final SchemaMigrations schema;
    private final OperationsJournal journal;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;
    private final Path folder;
    private final int keep;
    private final Actor requester;

    /**
     * @param folder where default copies go ({@code $Z4J_HOME/backups})
     * @param keep      how many dated copies rotation keeps ({@code Z4J_BACKUP_KEEP})
     * @param requester who the audit rows name: the operator (CLI) or {@code system} (the brain)
     */
    public Backups(DatabaseSnapshots snapshots, SchemaMigrations schema, OperationsJournal journal, AuditTrail audit,
                   Transactions transactions, Clock clock, Path folder, int keep, Actor requester) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1");
        }
        this.snapshots = snapshots;
        this.schema = schema;
        this.journal = journal;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.folder = folder.toAbsolutePath().normalize();
        this.keep = keep;
        this.requester = requester;
    }

    @Override
    public Optional<String> unavailableReason() {
        return snapshots.unavailableReason();
    }

    @Override
    public BackupReport backup(Optional<Path> output) {
        requireAvailable();
        Instant now = clock.instant();
        Path written;
        List<Path> rotated = List.of();
        if (output.isPresent()) {
            Path target = output.get().toAbsolutePath().normalize();
            if (Files.exists(target)) {
                throw new BackupFailedException("refusing to overwrite " + target + "; choose another --output");
            }
            written = writeCopy(List.of(target));
        } else {
            String day = "z4j-" + DAY.format(now);
            written = writeCopy(candidates(day, day + "-" + TIME.format(now)));
            rotated = rotate(written);
        }
        BackupReport report = finish(written, now, rotated);
        record(report);
        return report;
    }

    @Override
    public BackupReport backupBeforeMigration(String targetVersion) {
        requireAvailable();
        Instant now = clock.instant();
        String base = "z4j-pre-migrate-" + targetVersion;
        Path written = writeCopy(candidates(base, base + "-" + DAY.format(now) + "-" + TIME.format(now)));
        BackupReport report = finish(written, now, List.of());
        // Not journaled (that would change the database) and not audited (the audit table may not match the schema
        // yet): the migration's own audit row names this copy.
        Optional<BackupReport> earlier = identicalEarlierCopy(base, report);
        if (earlier.isPresent()) {
            deleteQuietly(report.file());
            deleteQuietly(Checksums.sidecarOf(report.file()));
            return earlier.get();
        }
        return report;
    }

    /**
     * A pre-migration copy of the same database state taken by an earlier attempt: a failed migration leaves the
     * database unchanged, so a brain restarting after it would otherwise pile up identical copies.
     */
    private Optional<BackupReport> identicalEarlierCopy(String base, BackupReport fresh) {
        String ext = "." + snapshots.fileExtension();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> !p.equals(fresh.file()))
                    .filter(p -> p.getFileName().toString().startsWith(base))
                    .filter(p -> p.getFileName().toString().endsWith(ext)).toList()) {
                if (Checksums.expectedFromSidecar(p).filter(fresh.sha256()::equals).isPresent()) {
                    return Optional.of(new BackupReport(p, Files.size(p), fresh.sha256(),
                            Files.getLastModifiedTime(p).toInstant(), List.of()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot compare with earlier pre-migration copies: {0}",
                    e.getMessage());
        }
        return Optional.empty();
    }

    private void requireAvailable() {
        snapshots.unavailableReason().ifPresent(reason -> {
            throw new BackupFailedException(reason);
        });
    }

    /** {@code first}, then {@code second}, {@code second-2}, ... {@code second-99}, with the snapshot's extension. */
    private List<Path> candidates(String first, String second) {
        String ext = "." + snapshots.fileExtension();
        List<Path> names = new ArrayList<>(List.of(folder.resolve(first + ext), folder.resolve(second + ext)));
        for (int n = 2; n < 100; n++) {
            names.add(folder.resolve(second + "-" + n + ext));
        }
        return names;
    }

    /** Writes the snapshot to a partial file, then moves it to the first candidate name that does not exist. */
    private Path writeCopy(List<Path> candidates) {
        Path first = candidates.get(0);
        Path directory = first.getParent();
        Path partial = directory.resolve("." + first.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                restrict(directory, "rwx------");
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            throw new BackupFailedException("cannot write to " + directory + ": " + reason(e), e);
        }
        try {
            snapshots.writeTo(partial);
            restrict(partial, "rw-------");
            force(partial);
            for (Path candidate : candidates) {
                try {
                    Files.move(partial, candidate);
                    force(directory);
                    return candidate;
                } catch (FileAlreadyExistsException taken) {
                    // a copy with this name exists already: never overwrite it, try the next name
                }
            }
            throw new BackupFailedException("refusing to overwrite " + candidates.get(candidates.size() - 1)
                    + " and the names before it; move them away or use --output");
        } catch (IOException e) {
            throw new BackupFailedException("cannot write " + first + ": " + reason(e), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private BackupReport finish(Path written, Instant now, List<Path> rotated) {
        try {
            String sha256 = Checksums.sha256(written);
            Checksums.writeSidecar(written, sha256);
            return new BackupReport(written, Files.size(written), sha256, now, rotated);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BackupFailedException("the backup " + written + " was written but its checksum could not be: "
                    + e.getMessage(), e);
        }
    }

    private void record(BackupReport report) {
        boolean auditable = schema.status().isCurrent();
        transactions.inTransaction(() -> {
            journal.backupTaken(asRecord(report));
            if (auditable) {
                audit.record(AuditEntry.of(requester, "system.backup", "database", null)
                        .withMetadata(Map.of("file", report.file().toString(), "size_bytes", report.sizeBytes(),
                                "sha256", report.sha256())));
            }
        });
        if (!auditable) {
            LOG.log(System.Logger.Level.INFO, "backup {0} not audited: migrations are pending, the audit row of the "
                    + "migration names it", report.file());
        }
    }

    private static BackupRecord asRecord(BackupReport report) {
        return new BackupRecord(report.takenAt(), report.file().toString(), report.sizeBytes(), report.sha256());
    }

    /** Deletes the oldest dated copies (and their checksums) beyond {@code keep}; never the one just written. */
    private List<Path> rotate(Path justWritten) {
        List<Path> dated;
        try (Stream<Path> files = Files.list(folder)) {
            dated = files.filter(p -> DATED.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(Backups::rotationKey).reversed())
                    .toList();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list {0} for rotation: {1}", folder, reason(e));
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        for (Path old : dated.subList(Math.min(keep, dated.size()), dated.size())) {
            if (old.equals(justWritten)) {
                continue;
            }
            try {
                Files.deleteIfExists(old);
                Files.deleteIfExists(Checksums.sidecarOf(old));
                removed.add(old);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove old backup {0}: {1}", old, reason(e));
            }
        }
        return removed;
    }

    /** Orders dated copies oldest first: by day, then the plain name (first of the day), then time, then counter. */
    static String rotationKey(Path file) {
        Matcher m = DATED.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a dated backup: " + file);
        }
        String time = m.group(2) == null ? "" : "T" + m.group(2);
        String counter = m.group(3) == null ? "" : String.format("#%06d", Integer.parseInt(m.group(3)));
        return m.group(1) + time + counter;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove {0}: {1}", file, reason(e));
        }
    }

    /** A copy holds token hashes and the audit trail: only the brain's user reads it. */
    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // the platform's defaults apply
        }
    }

    private static void force(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // some file systems cannot sync a directory; the rename is still atomic
            }
            return;
        }
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
            file.force(true);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
