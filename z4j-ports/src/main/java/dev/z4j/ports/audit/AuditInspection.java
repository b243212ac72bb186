package dev.z4j.ports.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * In-port: one audit row and its neighbours as an operator looks at them during an incident ({@code z4j audit show
 * SEQ}), each with what checking it alone finds: its link to the row before it and its own HMAC. {@link
 * AuditTrail#verify} remains the judge of the whole chain.
 */
public interface AuditInspection {

    /**
     * The rows from {@code seq - around} to {@code seq + around} that fall inside the stored chain, a missing one
     * (deleted) included as such.
     *
     * @throws dev.z4j.ports.support.Refusal NOT_FOUND {@code audit_row_not_found} when {@code seq} lies outside the
     *                                       stored chain
     */
    List<InspectedRow> inspect(long seq, int around);

    /** What checking one row alone finds. */
    enum Verdict {
        /** It links to the row before it and its HMAC verifies. */
        VERIFIED,
        /** Its link or its HMAC does not verify, or it cannot be read. */
        BROKEN,
        /** It links, but is signed by a key this brain does not hold. */
        UNVERIFIABLE,
        /** No row has this seq: it was deleted. */
        MISSING
    }

    /**
     * @param record     the row, when it exists and can be read
     * @param chainBreak what does not verify, when the verdict is {@link Verdict#BROKEN}
     * @param note       a limit of the check, such as a link that could not be checked because the row before is gone
     */
    record InspectedRow(long seq, Optional<AuditRecord> record, Verdict verdict,
                        Optional<VerificationReport.ChainBreak> chainBreak, Optional<String> note) {
        public InspectedRow {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(chainBreak, "chainBreak");
            Objects.requireNonNull(note, "note");
            if ((verdict == Verdict.BROKEN) != chainBreak.isPresent()) {
                throw new IllegalArgumentException("a chain break is present exactly when the verdict is BROKEN");
            }
        }
    }
}
