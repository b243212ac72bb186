package dev.z4j.ports.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A server-side session. The cookie holds a random token whose keyed hash identifies the row; {@code csrfToken} is
 * what the browser must echo in {@code X-CSRF-Token} on unsafe requests.
 */
public record Session(UUID id, UUID userId, String csrfToken, Instant issuedAt, Instant expiresAt,
                      Instant lastSeenAt, Optional<Instant> revokedAt, Optional<String> revocationReason,
                      String ipAtIssue, Optional<String> userAgentAtIssue) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revocationReason, "revocationReason");
        Objects.requireNonNull(ipAtIssue, "ipAtIssue");
        Objects.requireNonNull(userAgentAtIssue, "userAgentAtIssue");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a session must expire after it is issued");
        }
    }

    /**
     * Why this session cannot be used at {@code now}, or empty when it is live: revoked, past its absolute lifetime,
     * idle too long, or issued before the user's password last changed.
     */
    public Optional<String> deadReason(Instant now, Duration idleTimeout, Instant passwordChangedAt) {
        if (revokedAt.isPresent()) {
            return Optional.of("revoked");
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.of("expired");
        }
        if (!now.isBefore(lastSeenAt.plus(idleTimeout))) {
            return Optional.of("idle");
        }
        if (issuedAt.isBefore(passwordChangedAt)) {
            return Optional.of("password_changed");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + ", issuedAt=" + issuedAt + ", revokedAt=" + revokedAt + "]";
    }
}
