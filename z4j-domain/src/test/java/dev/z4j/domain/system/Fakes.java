package dev.z4j.domain.system;

import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.PruneReport;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.DatabaseSnapshots;
import dev.z4j.ports.system.OperationsJournal;
import dev.z4j.ports.system.Replica;
import dev.z4j.ports.system.ReplicaRegistry;
import dev.z4j.ports.system.SchemaMigrations;
import dev.z4j.ports.system.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** In-memory fakes of the out-ports the system services use. */
final class Fakes {

    private Fakes() {
    }

    /** Writes "snapshot N" as the copy; can be made unavailable or failing. */
    static final class Snapshots implements DatabaseSnapshots {
        int taken;
        Optional<String> unavailable = Optional.empty();
        boolean fail;
        /** Every copy holds the same bytes, as copies of an unchanged database do. */
        boolean sameContent;

        @Override
        public String fileExtension() {
            return "db";
        }

        @Override
        public Optional<String> unavailableReason() {
            return unavailable;
        }

        @Override
        public void writeTo(Path target) {
            if (Files.exists(target)) {
                throw new AssertionError("asked to write over " + target);
            }
            try {
                ++taken;
                Files.writeString(target, sameContent ? "unchanged database" : "snapshot " + taken,
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (fail) {
                throw new BackupFailedException("the snapshot broke half way");
            }
        }
    }

    static final class Journal implements OperationsJournal {
        final List<BackupRecord> backups = new ArrayList<>();
        RestoreRecord restore;

        @Override
        public void backupTaken(BackupRecord backup) {
            backups.add(backup);
        }

        @Override
        public Optional<BackupRecord> lastBackup() {
            return backups.isEmpty() ? Optional.empty() : Optional.of(backups.get(backups.size() - 1));
        }

        @Override
        public void restored(RestoreRecord restore) {
            this.restore = restore;
        }

        @Override
        public Optional<RestoreRecord> lastRestore() {
            return Optional.ofNullable(restore);
        }
    }

    /**
     * Records entries, inside a transaction or not (the migration's row is written after Flyway's own transaction);
     * the head and the last verification are what the test sets.
     */
    static final class Audit implements AuditTrail {
        final List<AuditEntry> entries = new ArrayList<>();
        Optional<AuditRecord> head = Optional.empty();
        Optional<VerificationStatus> lastVerification = Optional.empty();
        RuntimeException headFailure;

        @Override
        public AuditRecord record(AuditEntry entry) {
            entries.add(entry);
            return new AuditRecord(entries.size(), UUID.randomUUID(), Instant.EPOCH, entry, "key", "0".repeat(64),
                    "1".repeat(64));
        }

        @Override
        public Optional<AuditRecord> head() {
            if (headFailure != null) {
                throw headFailure;
            }
            return head;
        }

        @Override
        public Optional<VerificationStatus> lastVerification() {
            return lastVerification;
        }

        @Override
        public VerificationReport verify(VerificationRequest request) {
            throw new UnsupportedOperationException("not used by the system services");
        }

        @Override
        public AuditCheckpoint checkpoint() {
            throw new UnsupportedOperationException("not used by the system services");
        }

        @Override
        public AuditCheckpoint readCheckpoint(String document, List<Secret> extraSecrets) {
            throw new UnsupportedOperationException("not used by the system services");
        }

        @Override
        public AuditPage search(AuditQuery query) {
            throw new UnsupportedOperationException("not used by the system services");
        }

        @Override
        public Optional<PruneReport> pruneBefore(Instant cutoff) {
            throw new UnsupportedOperationException("not used by the system services");
        }
    }

    static final class Schema implements SchemaMigrations {
        Optional<String> current = Optional.of("1");
        List<String> pending = new ArrayList<>();
        boolean newer;
        final List<String> migrated = new ArrayList<>();

        @Override
        public SchemaStatus status() {
            return new SchemaStatus(current, pending.isEmpty() ? current.orElse("none") : pending.get(pending.size() - 1),
                    pending, newer);
        }

        @Override
        public List<MigrationEntry> history() {
            return List.of();
        }

        @Override
        public List<String> migrate() {
            List<String> applied = List.copyOf(pending);
            migrated.addAll(applied);
            if (!applied.isEmpty()) {
                current = Optional.of(applied.get(applied.size() - 1));
            }
            pending.clear();
            return applied;
        }
    }

    /** Replicas by id; {@code seenSince} asks for the rows at or after its cutoff, as the store does. */
    static final class Replicas implements ReplicaRegistry {
        final java.util.Map<String, Replica> rows = new java.util.LinkedHashMap<>();

        @Override
        public void heartbeat(Replica replica) {
            rows.put(replica.id(), replica);
        }

        @Override
        public List<Replica> seenSince(Instant cutoff) {
            return rows.values().stream().filter(r -> !r.lastSeenAt().isBefore(cutoff)).toList();
        }

        @Override
        public int forgetUnseenSince(Instant cutoff) {
            int before = rows.size();
            rows.values().removeIf(r -> r.lastSeenAt().isBefore(cutoff));
            return before - rows.size();
        }

        @Override
        public void leave(String replicaId) {
            rows.remove(replicaId);
        }
    }
}
