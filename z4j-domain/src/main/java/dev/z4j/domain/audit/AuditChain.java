package dev.z4j.domain.audit;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditInspection;
import dev.z4j.ports.audit.AuditLog;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.ChainActions;
import dev.z4j.ports.audit.ChainHead;
import dev.z4j.ports.audit.PruneReport;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.Transactions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The HMAC-chained audit log (SPEC §4, docs/audit.md). Each row's {@code row_hmac} is the HMAC of its canonical
 * bytes under the audit key of the current secret, and the bytes include the previous row's {@code row_hmac}, its
 * own gap-free {@code seq} and its {@code key_id}: editing, deleting, inserting or reordering a row breaks the chain
 * at that row.
 */
public final class AuditChain implements AuditTrail, AuditInspection {

    /** The {@code prev_row_hmac} of row 1. */
    public static final String GENESIS = "0".repeat(64);
    static final String PRUNED_THROUGH_SEQ = "pruned_through_seq";
    static final String PRUNED_THROUGH_ROW_HMAC = "pruned_through_row_hmac";

    private static final System.Logger LOG = System.getLogger(AuditChain.class.getName());
    private static final String CURSOR_PREFIX = "seq:";

    private final AuditLog log;
    private final Transactions transactions;
    private final SecretKeys secrets;
    private final Clock clock;
    /** A Mac is not thread-safe; each recording thread keeps its own, keyed for the current secret. */
    private final ThreadLocal<AuditKeys> signer;
    private final int verifyRangeSize;

    public AuditChain(AuditLog log, Transactions transactions, SecretKeys secrets, Clock clock) {
        this(log, transactions, secrets, clock, ParallelWalk.RANGE);
    }

    /** With ranges of {@code verifyRangeSize} rows per verification thread; tests make them small. */
    AuditChain(AuditLog log, Transactions transactions, SecretKeys secrets, Clock clock, int verifyRangeSize) {
        this.verifyRangeSize = verifyRangeSize;
        this.log = log;
        this.transactions = transactions;
        this.secrets = secrets;
        this.clock = clock;
        this.signer = ThreadLocal.withInitial(() -> new AuditKeys(List.of(secrets.current())));
    }

    @Override
    public AuditRecord record(AuditEntry entry) {
        AuditEntry clean = clean(entry);
        String metadataJson = CanonicalJson.write(clean.metadata());
        Secret key = secrets.current();
        return transactions.inTransaction(() -> {
            Optional<ChainHead> head = log.lockHead();
            long seq = head.map(h -> h.seq() + 1).orElse(1L);
            String prev = head.map(ChainHead::rowHmac).orElse(GENESIS);
            AuditRow unsigned = new AuditRow(seq, UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                    clean.actor().type().wire(), clean.actor().id(), clean.projectId(), clean.action(),
                    clean.targetType(), clean.targetId(), clean.result(), clean.sourceIp(), clean.userAgent(),
                    metadataJson, key.keyId(), prev, "");
            String rowHmac = signer.get().sign(key.keyId(), CanonicalRow.bytes(unsigned)).orElseThrow();
            AuditRow row = withRowHmac(unsigned, rowHmac);
            log.append(row);
            return new AuditRecord(row.seq(), row.id(), row.occurredAt(), clean, row.keyId(), row.prevRowHmac(),
                    row.rowHmac());
        });
    }

    private static AuditEntry clean(AuditEntry e) {
        Actor actor = new Actor(e.actor().type(), StoredText.clean(e.actor().id(), StoredText.ACTOR_ID));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) StoredText.cleanJson(e.metadata());
        return new AuditEntry(actor, e.projectId(), StoredText.clean(e.action(), StoredText.ACTION),
                StoredText.clean(e.targetType(), StoredText.TARGET_TYPE),
                StoredText.clean(e.targetId(), StoredText.TARGET_ID), StoredText.clean(e.result(), StoredText.RESULT),
                StoredText.clean(e.sourceIp(), StoredText.SOURCE_IP),
                StoredText.clean(e.userAgent(), StoredText.USER_AGENT), metadata);
    }

    private static AuditRow withRowHmac(AuditRow r, String rowHmac) {
        return new AuditRow(r.seq(), r.id(), r.occurredAt(), r.actorType(), r.actorId(), r.projectId(), r.action(),
                r.targetType(), r.targetId(), r.result(), r.sourceIp(), r.userAgent(), r.metadataJson(), r.keyId(),
                r.prevRowHmac(), rowHmac);
    }

    @Override
    public VerificationReport verify(VerificationRequest request) {
        AuditKeys keys = keys(request.extraSecrets());
        List<String> notes = new ArrayList<>();
        ChainWalk.Start start = new ChainWalk.Genesis();
        long fromSeq = 1;
        OptionalLong first = log.firstSeq();
        // A chain that still starts at row 1 was never pruned; looking for an anchor would read all of it backwards.
        Optional<ChainWalk.Anchor> anchor = first.isPresent() && first.getAsLong() > 1 ? latestAnchor()
                : Optional.empty();
        if (request.fromCheckpoint().isPresent()) {
            AuditCheckpoint checkpoint = request.fromCheckpoint().get();
            if (anchor.isPresent() && anchor.get().throughSeq() >= checkpoint.seq() && first.isPresent()
                    && first.getAsLong() > checkpoint.seq()) {
                notes.add("the checkpoint's row " + checkpoint.seq() + " was pruned by retention (the chain now "
                        + "starts after row " + anchor.get().throughSeq() + "); walked the whole remaining chain");
            } else {
                start = new ChainWalk.Checkpoint(checkpoint);
                fromSeq = checkpoint.seq();
            }
        }
        if (start instanceof ChainWalk.Genesis && anchor.isPresent()) {
            start = anchor.get();
        }
        ChainWalk walk = new ChainWalk(keys, start);
        new ParallelWalk(log, () -> keys(request.extraSecrets()), verifyRangeSize, ParallelWalk.READERS)
                .walk(fromSeq, walk);
        VerificationReport report = walk.report(clock.instant(), notes);
        try {
            log.saveVerification(report.status());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remember the verification result: " + e.getMessage());
        }
        return report;
    }

    private Optional<ChainWalk.Anchor> latestAnchor() {
        Optional<StoredRow> stored = log.latestWithAction(ChainActions.PRUNED);
        if (stored.isEmpty() || !(stored.get() instanceof AuditRow row)) {
            return Optional.empty();
        }
        try {
            if (CanonicalJson.parse(row.metadataJson()) instanceof Map<?, ?> m
                    && m.get(PRUNED_THROUGH_SEQ) instanceof Long through
                    && m.get(PRUNED_THROUGH_ROW_HMAC) instanceof String hmac) {
                return Optional.of(new ChainWalk.Anchor(through, hmac));
            }
        } catch (IllegalArgumentException ignored) {
            // a malformed anchor anchors nothing; its own HMAC check reports it when the walk reaches it
        }
        return Optional.empty();
    }

    private AuditKeys keys(List<Secret> extra) {
        List<Secret> all = new ArrayList<>();
        all.add(secrets.current());
        all.addAll(secrets.previous());
        all.addAll(extra);
        return new AuditKeys(all);
    }

    @Override
    public Optional<VerificationStatus> lastVerification() {
        return log.lastVerification();
    }

    @Override
    public Optional<AuditRecord> head() {
        return log.head().map(AuditChain::toRecord);
    }

    @Override
    public AuditCheckpoint checkpoint() {
        AuditRow head = log.head().orElseThrow(() -> new IllegalStateException(
                "the audit log is empty: there is no head to checkpoint yet"));
        AuditKeys keys = keys(List.of());
        Optional<String> expected = keys.sign(head.keyId(), CanonicalRow.bytes(head));
        if (expected.isPresent() && !expected.get().equals(head.rowHmac())) {
            throw new IllegalStateException("the head row " + head.seq() + " does not verify; run `z4j audit verify` "
                    + "before taking a checkpoint");
        }
        OptionalLong first = log.firstSeq();
        long rows = head.seq() - first.orElse(head.seq()) + 1;
        return CheckpointDocument.sign(head, rows, clock.instant().truncatedTo(ChronoUnit.MICROS), keys);
    }

    @Override
    public AuditCheckpoint readCheckpoint(String document, List<Secret> extraSecrets) {
        return CheckpointDocument.read(document, keys(extraSecrets));
    }

    @Override
    public List<InspectedRow> inspect(long seq, int around) {
        OptionalLong first = log.firstSeq();
        Optional<AuditRow> head = log.head();
        if (first.isEmpty() || head.isEmpty() || seq < first.getAsLong() || seq > head.get().seq()) {
            throw Refusal.notFound("audit_row_not_found", "there is no audit row " + seq + (first.isEmpty()
                    ? " (the audit log is empty)" : " (the log holds rows " + first.getAsLong() + " to "
                    + head.map(AuditRow::seq).orElse(first.getAsLong()) + ")"));
        }
        long from = Math.max(first.getAsLong(), seq - Math.max(0, around));
        long to = Math.min(head.get().seq(), seq + Math.max(0, around));
        TreeMap<Long, StoredRow> stored = new TreeMap<>();
        log.walk(Math.max(first.getAsLong(), from - 1), row -> {
            if (row.seq() > to) {
                return false;
            }
            stored.put(row.seq(), row);
            return true;
        });
        AuditKeys keys = keys(List.of());
        Optional<ChainWalk.Anchor> anchor = latestAnchor();
        List<InspectedRow> rows = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            StoredRow row = stored.get(s);
            if (row == null) {
                rows.add(new InspectedRow(s, Optional.empty(), Verdict.MISSING, Optional.empty(), Optional.empty()));
            } else {
                Map.Entry<Long, StoredRow> before = stored.lowerEntry(s);
                rows.add(inspectOne(row, before == null ? null : before.getValue(), anchor, keys));
            }
        }
        return rows;
    }

    /**
     * Checks one row as a walk would: linked to the nearest stored row before it (so the row after a deleted one
     * breaks, as in a walk), the genesis, or a retention anchor.
     */
    private InspectedRow inspectOne(StoredRow stored, StoredRow before, Optional<ChainWalk.Anchor> anchor,
                                    AuditKeys keys) {
        Optional<String> note = Optional.empty();
        ChainWalk.Start start = new ChainWalk.Genesis();
        if (stored.seq() > 1) {
            if (before instanceof AuditRow previous) {
                start = new ChainWalk.Anchor(stored.seq() - 1, previous.rowHmac());
            } else if (before == null && anchor.isPresent() && anchor.get().throughSeq() == stored.seq() - 1) {
                start = anchor.get();
            } else if (stored instanceof AuditRow row) {
                start = new ChainWalk.Anchor(row.seq() - 1, row.prevRowHmac());
                note = Optional.of("its link was not checked: row " + (row.seq() - 1) + " is "
                        + (before == null ? "missing" : "unreadable") + "; `z4j audit verify` checks the whole chain");
            }
        }
        ChainWalk walk = new ChainWalk(keys, start);
        walk.test(stored);
        VerificationReport report = walk.report(clock.instant(), List.of());
        Optional<AuditRecord> record = Optional.empty();
        if (stored instanceof AuditRow row) {
            try {
                record = Optional.of(toRecord(row));
            } catch (IllegalArgumentException unreadableMetadata) {
                // the walk reported it as the break
            }
        }
        Verdict verdict = switch (report.outcome()) {
            case INTACT -> Verdict.VERIFIED;
            case BROKEN -> Verdict.BROKEN;
            case UNVERIFIABLE -> Verdict.UNVERIFIABLE;
        };
        return new InspectedRow(stored.seq(), record, verdict, report.chainBreak(), note);
    }

    @Override
    public AuditPage search(AuditQuery query) {
        OptionalLong bound = query.cursor().map(AuditChain::decodeCursor).map(OptionalLong::of)
                .orElse(OptionalLong.empty());
        List<AuditRow> rows = log.search(query, bound, query.limit() + 1);
        boolean more = rows.size() > query.limit();
        List<AuditRow> page = more ? rows.subList(0, query.limit()) : rows;
        Optional<String> next = more ? Optional.of(encodeCursor(page.get(page.size() - 1).seq())) : Optional.empty();
        return new AuditPage(page.stream().map(AuditChain::toRecord).toList(), next);
    }

    private static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + seq).getBytes(StandardCharsets.US_ASCII));
    }

    private static long decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(CURSOR_PREFIX)) {
                return Long.parseLong(text.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the one error below
        }
        throw new IllegalArgumentException("invalid cursor: pass the next_cursor of the previous page unchanged");
    }

    /** A stored row as the in-port's record; metadata parsed back into JSON values. */
    static AuditRecord toRecord(AuditRow row) {
        Object metadata = CanonicalJson.parse(row.metadataJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> map = metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        AuditEntry entry = new AuditEntry(new Actor(Actor.Type.fromWire(row.actorType()), row.actorId()),
                row.projectId(), row.action(), row.targetType(), row.targetId(), row.result(), row.sourceIp(),
                row.userAgent(), map);
        return new AuditRecord(row.seq(), row.id(), row.occurredAt(), entry, row.keyId(), row.prevRowHmac(),
                row.rowHmac());
    }

    @Override
    public Optional<PruneReport> pruneBefore(Instant cutoff) {
        return transactions.inTransaction(() -> {
            if (log.lockHead().isEmpty()) {
                return Optional.empty();
            }
            OptionalLong through = log.lastSeqOfPrefixBefore(cutoff);
            if (through.isEmpty()) {
                return Optional.empty();
            }
            long throughSeq = through.getAsLong();
            if (!(log.find(throughSeq).orElseThrow() instanceof AuditRow last)) {
                throw new IllegalStateException("cannot prune: audit row " + throughSeq + " is unreadable; run "
                        + "`z4j audit verify`");
            }
            long firstSeq = log.firstSeq().orElseThrow();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put(PRUNED_THROUGH_SEQ, throughSeq);
            metadata.put(PRUNED_THROUGH_ROW_HMAC, last.rowHmac());
            metadata.put("pruned_from_seq", firstSeq);
            metadata.put("cutoff", cutoff.truncatedTo(ChronoUnit.MICROS).toString());
            AuditRecord anchor = record(AuditEntry.of(Actor.system(), ChainActions.PRUNED, "audit_log", null)
                    .withMetadata(metadata));
            long deleted = log.deleteThrough(throughSeq);
            LOG.log(System.Logger.Level.INFO, "audit retention: pruned " + deleted + " rows through seq "
                    + throughSeq + "; anchor row " + anchor.seq());
            return Optional.of(new PruneReport(anchor.seq(), throughSeq, deleted));
        });
    }
}
