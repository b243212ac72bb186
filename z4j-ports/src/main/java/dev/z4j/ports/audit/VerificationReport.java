package dev.z4j.ports.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a walk of the chain found.
 *
 * @param rowsWalked   rows checked, the broken one included
 * @param chainBreak   the first broken row, when {@code outcome} is {@link Outcome#BROKEN}
 * @param unverifiable rows whose signing key this brain does not hold (links still checked), by key
 * @param notes        facts the operator should know that are not failures (e.g. a checkpoint row pruned by retention)
 */
public record VerificationReport(Outcome outcome, long rowsWalked, Optional<ChainBreak> chainBreak,
                                 List<UnverifiableRange> unverifiable, List<String> notes, Instant finishedAt) {

    public enum Outcome {
        /** Every row walked verified and links to its predecessor. */
        INTACT,
        /** A row was edited, deleted, inserted or moved: {@link #chainBreak} says where. */
        BROKEN,
        /** No break found, but some rows are signed by keys this brain does not hold. */
        UNVERIFIABLE
    }

    public VerificationReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(chainBreak, "chainBreak");
        unverifiable = List.copyOf(unverifiable);
        notes = List.copyOf(notes);
        Objects.requireNonNull(finishedAt, "finishedAt");
        if ((outcome == Outcome.BROKEN) != chainBreak.isPresent()) {
            throw new IllegalArgumentException("a chain break is present exactly when the outcome is BROKEN");
        }
    }

    /** The first line of {@code z4j audit verify}'s output, after {@code "z4j audit verify: "}. */
    public String summary() {
        return switch (outcome) {
            case INTACT -> "OK (walked " + rowsWalked + " rows, chain intact)";
            case BROKEN -> "FAIL at row " + chainBreak.orElseThrow().seq() + " (audit_id=" + chainBreak.get().auditId() + ")";
            case UNVERIFIABLE -> "UNVERIFIABLE (walked " + rowsWalked + " rows, links intact, "
                    + unverifiable.stream().mapToLong(UnverifiableRange::rows).sum()
                    + " rows signed by a key this brain does not hold)";
        };
    }

    public VerificationStatus status() {
        return new VerificationStatus(finishedAt, outcome, rowsWalked, summary());
    }

    /**
     * The first row that does not verify. {@code field} is {@code prev_hmac}, {@code row_hmac} or {@code key_id};
     * {@code expected} is what the chain and the key compute, {@code got} what the row stores.
     *
     * @param auditId the row's id as stored (text, since a tampered row may hold anything)
     * @param reason  why, when the values alone do not say it (a missing or unreadable row)
     */
    public record ChainBreak(long seq, String auditId, String field, String expected, String got,
                             Optional<Instant> occurredAt, Optional<String> reason) {
        public ChainBreak {
            Objects.requireNonNull(auditId, "auditId");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(got, "got");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Consecutive-or-not rows {@code firstSeq..lastSeq} ({@code rows} of them) signed by key {@code keyId}. */
    public record UnverifiableRange(String keyId, long firstSeq, long lastSeq, long rows) {
        public UnverifiableRange {
            Objects.requireNonNull(keyId, "keyId");
        }
    }
}
