package dev.z4j.ports.system;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * In-port: consistent copies of the live database. Default copies go to {@code $Z4J_HOME/backups} as
 * {@code z4j-YYYY-MM-DD.<ext>} (UTC date; a second copy the same day gets a time suffix), are never overwritten, and
 * only the newest {@code Z4J_BACKUP_KEEP} dated copies are kept. Every copy gets a {@code .sha256} file beside it
 * ({@code sha256sum -c} format) and an audit row {@code system.backup}, whose actor is the one the service was built
 * for (the operator for the CLI, {@code system} inside the brain).
 */
public interface DatabaseBackups {

    /**
     * @param output where to write; empty for the default name in the backups folder (then rotation runs)
     * @throws BackupFailedException with a one-line reason; nothing is left under the target name
     */
    BackupReport backup(Optional<Path> output);

    /**
     * The copy taken before migrations are applied: {@code backups/z4j-pre-migrate-<version>.<ext>}, never rotated.
     *
     * @throws BackupFailedException when no copy can be taken (the caller decides whether to go on)
     */
    BackupReport backupBeforeMigration(String targetVersion);

    /** Why no backup can be taken here (pg_dump missing or older than the server); empty when one can. */
    Optional<String> unavailableReason();

    /**
     * @param file              the copy
     * @param sizeBytes         its size
     * @param sha256            hex digest of the copy, also written to {@code <file>.sha256}
     * @param removedByRotation older dated copies deleted to keep {@code Z4J_BACKUP_KEEP}
     */
    record BackupReport(Path file, long sizeBytes, String sha256, Instant takenAt, List<Path> removedByRotation) {
        public BackupReport {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(takenAt, "takenAt");
            removedByRotation = List.copyOf(removedByRotation);
        }
    }
}
