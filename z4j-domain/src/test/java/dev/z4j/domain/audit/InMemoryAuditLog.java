package dev.z4j.domain.audit;

import dev.z4j.ports.audit.AuditLog;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.ChainHead;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The {@link AuditLog} out-port in memory, with the same guarantees as the tables (unique seq and prev_row_hmac). */
final class InMemoryAuditLog implements AuditLog {

    final TreeMap<Long, StoredRow> rows = new TreeMap<>();
    private final java.util.Set<String> prevRowHmacs = new java.util.HashSet<>();
    private VerificationStatus lastVerification;

    @Override
    public synchronized Optional<ChainHead> lockHead() {
        return head().map(h -> new ChainHead(h.seq(), h.rowHmac()));
    }

    @Override
    public synchronized Optional<AuditRow> head() {
        return rows.isEmpty() ? Optional.empty() : Optional.of((AuditRow) rows.lastEntry().getValue());
    }

    @Override
    public synchronized void append(AuditRow row) {
        if (rows.containsKey(row.seq())) {
            throw new IllegalStateException("duplicate seq " + row.seq());
        }
        if (!prevRowHmacs.add(row.prevRowHmac())) {
            throw new IllegalStateException("duplicate prev_row_hmac");
        }
        rows.put(row.seq(), row);
    }

    @Override
    public synchronized Optional<StoredRow> find(long seq) {
        return Optional.ofNullable(rows.get(seq));
    }

    @Override
    public synchronized Optional<StoredRow> latestWithAction(String action) {
        return rows.descendingMap().values().stream()
                .filter(r -> r instanceof AuditRow a && a.action().equals(action)).findFirst();
    }

    @Override
    public synchronized OptionalLong firstSeq() {
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rows.firstKey());
    }

    @Override
    public synchronized long walk(long fromSeq, Predicate<StoredRow> visitor) {
        long visited = 0;
        for (StoredRow row : new ArrayList<>(rows.tailMap(fromSeq, true).values())) {
            visited++;
            if (!visitor.test(row)) {
                break;
            }
        }
        return visited;
    }

    @Override
    public synchronized List<AuditReader> openReaders(int count) {
        return InMemoryAuditReader.open(new TreeMap<>(rows), count);
    }

    @Override
    public synchronized List<AuditRow> search(AuditQuery q, OptionalLong seqBound, int limit) {
        boolean newestFirst = q.order() == AuditQuery.Order.NEWEST_FIRST;
        return rows.values().stream().map(r -> (AuditRow) r)
                .filter(r -> q.projectId().isEmpty() || r.projectId().equals(q.projectId()))
                .filter(r -> q.actionPrefix().isEmpty() || r.action().startsWith(q.actionPrefix().get()))
                .filter(r -> q.actorType().isEmpty() || r.actorType().equals(q.actorType().get().wire()))
                .filter(r -> q.actorId().isEmpty() || r.actorId().equals(q.actorId()))
                .filter(r -> q.since().isEmpty() || !r.occurredAt().isBefore(q.since().get()))
                .filter(r -> q.until().isEmpty() || r.occurredAt().isBefore(q.until().get()))
                .filter(r -> seqBound.isEmpty()
                        || (newestFirst ? r.seq() < seqBound.getAsLong() : r.seq() > seqBound.getAsLong()))
                .sorted(newestFirst ? Comparator.comparingLong(AuditRow::seq).reversed()
                        : Comparator.comparingLong(AuditRow::seq))
                .limit(limit).toList();
    }

    @Override
    public synchronized OptionalLong lastSeqOfPrefixBefore(Instant cutoff) {
        OptionalLong last = OptionalLong.empty();
        for (StoredRow row : rows.values()) {
            if (!((AuditRow) row).occurredAt().isBefore(cutoff)) {
                break;
            }
            last = OptionalLong.of(row.seq());
        }
        return last;
    }

    @Override
    public synchronized long deleteThrough(long throughSeq) {
        Map<Long, StoredRow> doomed = rows.headMap(throughSeq, true);
        long n = doomed.size();
        doomed.clear();
        return n;
    }

    @Override
    public synchronized void saveVerification(VerificationStatus status) {
        lastVerification = status;
    }

    @Override
    public synchronized Optional<VerificationStatus> lastVerification() {
        return Optional.ofNullable(lastVerification);
    }

    /** Replaces a stored row as an attacker with database access would. */
    synchronized void tamper(long seq, StoredRow replacement) {
        rows.put(seq, replacement);
    }

    synchronized AuditRow row(long seq) {
        return (AuditRow) rows.get(seq);
    }
}
