package dev.z4j.ports.audit;

import java.time.Instant;
import java.util.Objects;

/** The remembered outcome of a verification: when it ran, what it found, and its one-line summary. */
public record VerificationStatus(Instant finishedAt, VerificationReport.Outcome outcome, long rowsWalked,
                                 String summary) {
    public VerificationStatus {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
    }

    public boolean intact() {
        return outcome == VerificationReport.Outcome.INTACT;
    }
}
