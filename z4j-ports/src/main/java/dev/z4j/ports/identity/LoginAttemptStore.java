package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Out-port: failed sign-in counters. {@code scope} says what is counted ({@code ip}, {@code account},
 * {@code setup_ip}); {@code subject} is the client IP or a keyed hash of the account's email.
 */
public interface LoginAttemptStore {

    /** The counter, locked for the rest of the caller's transaction where the database can. */
    Optional<Attempts> find(String scope, String subject);

    void save(String scope, String subject, Attempts attempts);

    void clear(String scope, String subject);

    /** Housekeeping: drops counters whose last failure is older than {@code cutoff}. */
    int pruneBefore(Instant cutoff);

    record Attempts(int failures, Instant firstFailureAt, Instant lastFailureAt, Optional<Instant> lockedUntil) {
        public Attempts {
            Objects.requireNonNull(firstFailureAt, "firstFailureAt");
            Objects.requireNonNull(lastFailureAt, "lastFailureAt");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be at least 1");
            }
        }
    }
}
