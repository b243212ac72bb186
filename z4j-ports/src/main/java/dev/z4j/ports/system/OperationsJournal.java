package dev.z4j.ports.system;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Out-port: the brain's own bookkeeping of operations (in {@code z4j_meta}), shown by {@code status} and judged by
 * {@code doctor}: the last backup, the last restore and the last audit verification.
 */
public interface OperationsJournal {

    void backupTaken(BackupRecord backup);

    Optional<BackupRecord> lastBackup();

    void restored(RestoreRecord restore);

    Optional<RestoreRecord> lastRestore();

    /** Written by whoever verifies the audit chain (the brain's schedule or {@code z4j audit verify}). */
    void auditVerified(AuditVerificationRecord verification);

    Optional<AuditVerificationRecord> lastAuditVerification();

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

    /**
     * @param intact     whether the whole chain verified
     * @param rowsWalked rows checked
     * @param summary    the verification's one-line result (the first broken row when not intact)
     */
    record AuditVerificationRecord(Instant verifiedAt, boolean intact, long rowsWalked, String summary) {
        public AuditVerificationRecord {
            Objects.requireNonNull(verifiedAt, "verifiedAt");
            Objects.requireNonNull(summary, "summary");
        }
    }
}
