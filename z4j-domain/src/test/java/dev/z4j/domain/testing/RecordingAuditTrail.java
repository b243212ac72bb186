package dev.z4j.domain.testing;

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
import dev.z4j.ports.system.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Keeps the entries; rolled back with the fake transaction that recorded them. Only {@link #record} is real. */
public final class RecordingAuditTrail implements AuditTrail {

    private final FakeTransactions transactions;
    private final List<AuditEntry> entries = new ArrayList<>();

    public RecordingAuditTrail(FakeTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized AuditRecord record(AuditEntry entry) {
        transactions.requireOpen("audit rows are written inside the change's transaction");
        entries.add(entry);
        transactions.onRollback(() -> {
            synchronized (this) {
                entries.remove(entry);
            }
        });
        return new AuditRecord(entries.size(), UUID.randomUUID(), Instant.EPOCH, entry, "test", "0".repeat(64),
                "1".repeat(64));
    }

    @Override
    public VerificationReport verify(VerificationRequest request) {
        throw new UnsupportedOperationException("identity tests only record");
    }

    @Override
    public Optional<VerificationStatus> lastVerification() {
        return Optional.empty();
    }

    @Override
    public Optional<AuditRecord> head() {
        throw new UnsupportedOperationException("identity tests only record");
    }

    @Override
    public AuditCheckpoint checkpoint() {
        throw new UnsupportedOperationException("identity tests only record");
    }

    @Override
    public AuditCheckpoint readCheckpoint(String document, List<Secret> extraSecrets) {
        throw new UnsupportedOperationException("identity tests only record");
    }

    @Override
    public AuditPage search(AuditQuery query) {
        throw new UnsupportedOperationException("identity tests only record");
    }

    @Override
    public Optional<PruneReport> pruneBefore(Instant cutoff) {
        throw new UnsupportedOperationException("identity tests only record");
    }

    public synchronized List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<String> actions() {
        return entries.stream().map(AuditEntry::action).toList();
    }

    public synchronized AuditEntry last(String action) {
        return entries.stream().filter(e -> e.action().equals(action)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no audit row " + action + " in " + actions()));
    }
}
