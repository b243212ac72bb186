package dev.z4j.domain.audit;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.ChainActions;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationReport.ChainBreak;
import dev.z4j.ports.audit.VerificationReport.Outcome;
import dev.z4j.ports.audit.VerificationReport.UnverifiableRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One verification pass over rows given in seq order; holds only the previous row's HMAC and a few counters, so
 * memory does not grow with the chain. Per row: the link ({@code prev_row_hmac} equals the previous row's
 * {@code row_hmac}), then the key ({@code key_id} held, or at least announced by the chain), then the row's own HMAC.
 * Stops at the first broken row.
 */
final class ChainWalk implements Predicate<StoredRow> {

    /** Where the first row walked must link to. */
    sealed interface Start permits Genesis, Anchor, Checkpoint {
    }

    /** The whole chain: row 1 links to 64 zeros; after a retention prune, the first row links to the anchor's record. */
    record Genesis() implements Start {
    }

    /**
     * The chain was pruned through {@code throughSeq}, whose row_hmac the {@code audit.pruned} anchor recorded: the
     * first row left must link to it (a later first row means more was deleted than retention did).
     */
    record Anchor(long throughSeq, String throughRowHmac) implements Start {
    }

    /** Incremental: the first row must be the checkpoint's row, unchanged. */
    record Checkpoint(AuditCheckpoint checkpoint) implements Start {
    }

    private static final int MAX_KEYS_REPORTED = 32;

    private final AuditKeys keys;
    private final Start start;
    private final Set<String> announcedKeys = new HashSet<>();
    private final Map<String, long[]> unverifiable = new LinkedHashMap<>();
    private final CanonicalRow canonical = new CanonicalRow();
    private String expectedPrev;
    private String previousKey;
    private boolean previousKeyKnown;
    private AuditRow unknownRunStart;
    private long walked;
    private ChainBreak chainBreak;

    ChainWalk(AuditKeys keys, Start start) {
        this.keys = keys;
        this.start = start;
    }

    @Override
    public boolean test(StoredRow stored) {
        walked++;
        if (stored instanceof StoredRow.Unreadable u) {
            return broken(new ChainBreak(u.seq(), u.id(), "row_hmac", "a readable row", "unreadable", Optional.empty(),
                    Optional.of(u.reason())));
        }
        AuditRow row = (AuditRow) stored;
        if (walked == 1 && !begin(row)) {
            return false;
        }
        if (!row.prevRowHmac().equals(expectedPrev)) {
            return broken(at(row, "prev_hmac", expectedPrev, row.prevRowHmac(), Optional.empty()));
        }
        if (!checkSignature(row)) {
            return false;
        }
        if (row.action().equals(ChainActions.SECRET_ROTATED)) {
            announcedKey(row).ifPresent(announcedKeys::add);
        }
        expectedPrev = row.rowHmac();
        return true;
    }

    /**
     * Accounts for {@code more} rows after the one tested last, up to {@code lastSeq}, that a {@link RangeCheck} found
     * linked one to the next, signed by the same key as that row, verified when the key is held, and announcing no
     * key: exactly what testing each of them would have recorded.
     */
    void continueRun(long more, long lastSeq, String lastRowHmac) {
        if (more == 0) {
            return;
        }
        walked += more;
        expectedPrev = lastRowHmac;
        long[] range = previousKeyKnown ? null : unverifiable.get(previousKey);
        if (range != null) {
            range[1] = lastSeq;
            range[2] += more;
        }
    }

    private boolean begin(AuditRow row) {
        announcedKeys.add(row.keyId());
        if (start instanceof Checkpoint c) {
            AuditCheckpoint cp = c.checkpoint();
            if (row.seq() != cp.seq()) {
                return broken(checkpointRowMissing(cp));
            }
            if (!row.rowHmac().equals(cp.rowHmac()) || !row.id().equals(cp.auditId())) {
                return broken(at(row, "row_hmac", cp.rowHmac(), row.rowHmac(),
                        Optional.of("the row no longer matches the checkpoint: the chain was rewritten")));
            }
            expectedPrev = row.prevRowHmac();
        } else if (start instanceof Anchor a && row.seq() != 1) {
            expectedPrev = a.throughRowHmac();
        } else {
            expectedPrev = AuditChain.GENESIS;
        }
        return true;
    }

    private boolean checkSignature(AuditRow row) {
        boolean known = keys.holds(row.keyId());
        if (!keyChangeAllowed(row, known)) {
            return false;
        }
        if (known) {
            unknownRunStart = null;
        } else {
            if (unknownRunStart == null || !unknownRunStart.keyId().equals(row.keyId())) {
                unknownRunStart = row;
            }
            long[] range = unverifiable.get(row.keyId());
            if (range == null && unverifiable.size() < MAX_KEYS_REPORTED) {
                unverifiable.put(row.keyId(), new long[] {row.seq(), row.seq(), 1});
            } else if (range != null) {
                range[1] = row.seq();
                range[2]++;
            }
            previousKey = row.keyId();
            previousKeyKnown = false;
            return true;
        }
        previousKey = row.keyId();
        previousKeyKnown = true;
        try {
            canonical.write(row);
        } catch (IllegalArgumentException e) {
            return broken(at(row, "row_hmac", "n/a", row.rowHmac(), Optional.of("unreadable metadata: "
                    + e.getMessage())));
        }
        byte[] stored = row.rowHmac().getBytes(StandardCharsets.UTF_8);
        if (!keys.matches(row.keyId(), canonical.buffer(), canonical.size(), stored, 0, stored.length)) {
            String expected = keys.sign(row.keyId(), Arrays.copyOf(canonical.buffer(), canonical.size())).orElseThrow();
            return broken(at(row, "row_hmac", expected, row.rowHmac(), Optional.empty()));
        }
        return true;
    }

    /**
     * The chain changes keys only at a {@code system.secret_rotated} row that announces the next key, or between two
     * keys this brain holds (both sides then verify). Otherwise a key id was rewritten: at this row when its key is
     * unknown, or, when an unknown key gives way to a known one, at the first row of the unknown run.
     */
    private boolean keyChangeAllowed(AuditRow row, boolean known) {
        if (previousKey == null || previousKey.equals(row.keyId()) || announcedKeys.contains(row.keyId())
                || (known && previousKeyKnown)) {
            return true;
        }
        if (!known) {
            return broken(at(row, "key_id", previousKey, row.keyId(), Optional.of("the key changed without a secret "
                    + "rotation row, and this brain does not hold the new key")));
        }
        AuditRow first = unknownRunStart;
        return broken(at(first, "key_id", row.keyId(), first.keyId(), Optional.of("rows " + first.seq() + "-"
                + (row.seq() - 1) + " are signed by a key this brain does not hold and that no secret rotation "
                + "introduced before row " + row.seq() + " continued under key " + row.keyId())));
    }

    private static Optional<String> announcedKey(AuditRow row) {
        try {
            Object metadata = CanonicalJson.parse(row.metadataJson());
            if (metadata instanceof Map<?, ?> map && map.get(ChainActions.NEW_KEY_ID) instanceof String key) {
                return Optional.of(key);
            }
        } catch (IllegalArgumentException ignored) {
            // unreadable metadata announces nothing; the row's own HMAC check reports it
        }
        return Optional.empty();
    }

    private static ChainBreak checkpointRowMissing(AuditCheckpoint cp) {
        return new ChainBreak(cp.seq(), cp.auditId().toString(), "row_hmac", cp.rowHmac(), "missing",
                Optional.of(cp.occurredAt()), Optional.of("the checkpoint's row is gone: the chain was truncated or "
                + "rewritten after the checkpoint was taken"));
    }

    private static ChainBreak at(AuditRow row, String field, String expected, String got, Optional<String> reason) {
        return new ChainBreak(row.seq(), row.id().toString(), field, expected, got, Optional.of(row.occurredAt()),
                reason);
    }

    private boolean broken(ChainBreak found) {
        chainBreak = found;
        return false;
    }

    VerificationReport report(Instant finishedAt, List<String> notes) {
        if (walked == 0 && start instanceof Checkpoint c) {
            chainBreak = checkpointRowMissing(c.checkpoint());
        }
        List<UnverifiableRange> ranges = new ArrayList<>();
        unverifiable.forEach((key, r) -> ranges.add(new UnverifiableRange(key, r[0], r[1], r[2])));
        Outcome outcome = chainBreak != null ? Outcome.BROKEN
                : ranges.isEmpty() ? Outcome.INTACT : Outcome.UNVERIFIABLE;
        return new VerificationReport(outcome, walked, Optional.ofNullable(chainBreak), ranges, notes, finishedAt);
    }
}
