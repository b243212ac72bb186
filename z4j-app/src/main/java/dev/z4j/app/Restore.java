package dev.z4j.app;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.PostgresTools;
import dev.z4j.adapter.jdbc.system.SqliteFiles;
import dev.z4j.app.system.HomeLock;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.support.Checksums;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.system.DatabaseRestore;
import dev.z4j.ports.system.OperationsJournal.RestoreRecord;
import dev.z4j.ports.system.RestoreDrill.DrillStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code z4j restore}: holds {@code z4j.lock} for the whole operation (so no brain starts meanwhile), validates a copy
 * of the backup where it will live, swaps it in, then migrates and audits.
 *
 * <p>SQLite: the backup is copied next to the live file (same file system, so the final rename is atomic), validated
 * there, the live file is kept as {@code z4j.db.pre-restore-<time>} (a hard link, with its WAL moved beside it) and
 * the copy is renamed over it; stale {@code -wal}/{@code -shm} files cannot survive. PostgreSQL: the archive is
 * restored into a scratch database, validated there, and the databases are renamed (the live one is kept as
 * {@code <db>_pre_restore_<time>}).
 */
final class Restore implements DatabaseRestore {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Z4jConfig config;
    private final Actor operator;
    private final Clock clock;

    Restore(Z4jConfig config, Actor operator, Clock clock) {
        this.config = config;
        this.operator = operator;
        this.clock = clock;
    }

    @Override
    public RestoreReport restore(Path backup) {
        Path source = backup.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new RestoreRefusedException("no such file: " + source, true);
        }
        config.home().ensureWritable();
        HomeLock lock = HomeLock.tryAcquire(config.home()).orElseThrow(() -> new RestoreRefusedException(
                "a brain is running on " + config.home().dir() + HomeLock.holderPid(config.home())
                        .map(pid -> " (z4j.lock held by pid " + pid + ")").orElse("")
                        + ": stop the brain first (systemctl stop z4j, or docker compose stop z4j); nothing was changed"));
        try (lock) {
            DatabaseUrl live = Wiring.liveUrl(config);
            String stamp = STAMP.format(clock.instant());
            Swapped swapped = live.sqliteFile().isPresent() ? sqlite(source, live.sqliteFile().get(), stamp)
                    : postgres(source, live, stamp);
            return finish(source, live, swapped);
        }
    }

    /**
     * What the swap did: the digest of the restored bytes, whether a sidecar matched, where the old one is, and what
     * the audit chain's verification found before the swap.
     */
    private record Swapped(String sha256, boolean checksumFileMatched, Optional<String> replacedKeptAs,
                           String auditChain) {
    }

    private Swapped sqlite(Path source, Path live, String stamp) {
        Path staged = live.resolveSibling(live.getFileName() + ".restore-" + stamp);
        try {
            String sha256 = copyWithDigest(source, staged);
            List<DrillStep> steps = new ArrayList<>();
            steps.add(BackupValidation.checksum(source, sha256));
            if (steps.get(0).ok()) {
                steps.addAll(BackupValidation.sqliteFile(staged, source));
            }
            if (BackupValidation.firstFailure(steps).isEmpty()) {
                steps.addAll(BackupValidation.database(config, DatabaseUrl.sqlite(staged), source, clock, operator, true));
            }
            refuseOnFailure(steps);
            return new Swapped(sha256, Checksums.expectedFromSidecar(source).isPresent(), swapIn(staged, live, stamp),
                    auditChain(steps));
        } finally {
            deleteQuietly(staged);
            SqliteFiles.sidecars(staged).forEach(Restore::deleteQuietly);
        }
    }

    /** Renames the validated copy over the live file, keeping the live one (and its WAL) under a dated name. */
    private static Optional<String> swapIn(Path staged, Path live, String stamp) {
        try {
            Optional<String> kept = Optional.empty();
            if (Files.exists(live)) {
                SqliteFiles.checkpoint(live);
                Path keep = live.resolveSibling(live.getFileName() + ".pre-restore-" + stamp);
                try {
                    Files.createLink(keep, live);
                } catch (UnsupportedOperationException | IOException noLinks) {
                    Files.copy(live, keep, StandardCopyOption.COPY_ATTRIBUTES);
                }
                List<Path> liveSidecars = SqliteFiles.sidecars(live);
                List<Path> keptSidecars = SqliteFiles.sidecars(keep);
                for (int i = 0; i < liveSidecars.size(); i++) {
                    if (Files.exists(liveSidecars.get(i))) {
                        Files.move(liveSidecars.get(i), keptSidecars.get(i), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                kept = Optional.of(keep.toString());
            }
            Files.move(staged, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (Path stale : SqliteFiles.sidecars(live)) {
                Files.deleteIfExists(stale);
            }
            syncDirectory(live.getParent());
            return kept;
        } catch (IOException e) {
            throw new RestoreRefusedException("cannot swap the backup in at " + live + ": " + e.getMessage());
        }
    }

    private Swapped postgres(Path source, DatabaseUrl live, String stamp) {
        String sha256 = Checksums.sha256(source);
        List<DrillStep> steps = new ArrayList<>(List.of(BackupValidation.checksum(source, sha256)));
        refuseOnFailure(steps);
        PostgresTools tools = new PostgresTools(live, System.getenv());
        String database = live.postgresServer().orElseThrow().database();
        try {
            tools.unavailableReason("pg_restore").ifPresent(reason -> {
                throw new RestoreRefusedException(reason + "; nothing was changed");
            });
            tools.list(source);
            List<String> sessions = tools.connectionsTo(database);
            if (!sessions.isEmpty()) {
                throw new RestoreRefusedException(sessions.size() + " session(s) are connected to " + database + " ("
                        + String.join(", ", sessions) + "): stop every brain first; nothing was changed");
            }
            String scratch = PostgresScratch.name(database, "_restore_", stamp);
            PostgresScratch.restoreInto(tools, source, scratch);
            boolean swapped = false;
            try {
                steps.addAll(BackupValidation.database(config, live.withDatabase(scratch), source, clock, operator, true));
                refuseOnFailure(steps);
                Optional<String> kept = Optional.empty();
                if (tools.databaseExists(database)) {
                    String keep = PostgresScratch.name(database, "_pre_restore_", stamp);
                    tools.renameDatabase(database, keep);
                    kept = Optional.of(keep);
                }
                tools.renameDatabase(scratch, database);
                swapped = true;
                return new Swapped(sha256, Checksums.expectedFromSidecar(source).isPresent(), kept, auditChain(steps));
            } finally {
                if (!swapped) {
                    tools.dropDatabase(scratch);
                }
            }
        } catch (PostgresTools.ToolFailedException e) {
            throw new RestoreRefusedException(e.getMessage() + "; nothing was changed");
        }
    }

    /** Applies pending migrations to the restored database and records the restore in its journal and audit trail. */
    private RestoreReport finish(Path source, DatabaseUrl live, Swapped swapped) {
        try (Wiring wiring = Wiring.open(config, live, clock, operator)) {
            List<String> applied = wiring.schema.migrate();
            String version = wiring.schema.status().currentVersion().orElse("none");
            Instant now = clock.instant();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("source", source.toString());
            metadata.put("sha256", swapped.sha256());
            metadata.put("replaced_kept_as", swapped.replacedKeptAs().orElse("none"));
            metadata.put("migrations_applied", applied);
            wiring.database.inTransaction(() -> {
                wiring.journal.restored(new RestoreRecord(now, source.toString(), swapped.sha256()));
                wiring.audit.record(AuditEntry.of(operator, "system.restore", "database", null).withMetadata(metadata));
            });
            return new RestoreReport(source, swapped.sha256(), swapped.checksumFileMatched(), version, applied,
                    swapped.replacedKeptAs(), swapped.auditChain());
        }
    }

    private static String auditChain(List<DrillStep> steps) {
        return steps.stream().filter(s -> s.name().equals("audit chain")).map(DrillStep::detail).findFirst()
                .orElse("not verified");
    }

    private static void refuseOnFailure(List<DrillStep> steps) {
        BackupValidation.firstFailure(steps).ifPresent(failed -> {
            throw new RestoreRefusedException(failed.detail() + "; nothing was changed");
        });
    }

    /** Copies the file, hashing the bytes written and forcing them to disk; returns the hex SHA-256. */
    static String copyWithDigest(Path source, Path target) {
        MessageDigest digest = Checksums.newDigest();
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW),
                     digest)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + target, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is atomic
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file; the next run uses another name
        }
    }
}
