package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A fresh session: the plaintext {@code sessionToken} exists only here (the cookie value); {@code csrfToken} goes in
 * the CSRF cookie. {@link #toString()} shows neither.
 */
public record SignedIn(User user, java.util.UUID sessionId, String sessionToken, String csrfToken, Instant expiresAt) {

    public SignedIn {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "SignedIn[user=" + user.id() + ", session=" + sessionId + ", expiresAt=" + expiresAt + "]";
    }
}
