package dev.z4j.ports.system;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Out-port: the brain's own bookkeeping of operations (in {@code z4j_meta}), shown by {@code status} and judged by
 * {@code doctor}: the last backup and the last restore. (The audit chain remembers its own last verification.)
 */
public interface OperationsJournal {

    void backupTaken(BackupRecord backup);

    Optional<BackupRecord> lastBackup();

    void restored(RestoreRecord restore);

    Optional<RestoreRecord> lastRestore();

    record BackupRecord(Instant takenAt, String file, long sizeBytes, String sha256) {
        public BackupRecord {
            Objects.requireNonNull(takenAt, "takenAt");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    record RestoreRecord(Instant restoredAt, String source, String sha256) {
        public RestoreRecord {
            Objects.requireNonNull(restoredAt, "restoredAt");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sha256, "sha256");
        }
    }
}
