package dev.z4j.domain.testing;

import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Keeps the entries; rolled back with the fake transaction that recorded them. */
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
