package dev.z4j.domain.identity;

import dev.z4j.domain.support.KeyedHash;
import dev.z4j.domain.support.RandomTokens;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.SessionStore;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.system.SecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens sessions: a random 32-byte cookie token stored only as its keyed hash (so a copy of the database does not
 * hold usable cookies, and rotating {@code Z4J_SECRET} signs everybody out), a random CSRF token, and the absolute
 * lifetime. Also knows the session settings the services check against.
 */
public final class SessionIssuer {

    private static final String TOKEN_LABEL = "z4j-session-token-v1";
    /** The idle timer is written at most this often per session: cheap, yet accurate to a minute. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Ended (expired or revoked) sessions are kept this long for the sessions list, then deleted. */
    static final Duration KEEP_ENDED = Duration.ofDays(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final SessionStore sessions;
    private final SecretKeys secrets;
    private final Duration idleTimeout;
    private final Duration absoluteLifetime;
    private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.EPOCH);

    public SessionIssuer(SessionStore sessions, SecretKeys secrets, Duration idleTimeout, Duration absoluteLifetime) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.idleTimeout = idleTimeout;
        this.absoluteLifetime = absoluteLifetime;
    }

    /**
     * Inserts a session for {@code user}; call inside the transaction that audits it. At most once an hour it also
     * deletes the sessions that ended more than a day ago, so the table does not grow with every sign-in.
     */
    SignedIn issue(User user, Caller caller, Instant now) {
        Instant last = lastPrune.get();
        if (now.isAfter(last.plus(PRUNE_EVERY)) && lastPrune.compareAndSet(last, now)) {
            sessions.deleteEndedBefore(now.minus(KEEP_ENDED));
        }
        String token = RandomTokens.urlSafe(32);
        String csrf = RandomTokens.urlSafe(32);
        Session session = new Session(UUID.randomUUID(), user.id(), csrf, now, now.plus(absoluteLifetime), now,
                Optional.empty(), Optional.empty(), caller.sourceIp().orElse(""), caller.userAgent());
        sessions.insert(session, tokenHash(token));
        return new SignedIn(user, session.id(), token, csrf, session.expiresAt());
    }

    String tokenHash(String token) {
        return KeyedHash.labelledHex(secrets.current().bytes(), TOKEN_LABEL, token);
    }

    Duration idleTimeout() {
        return idleTimeout;
    }
}
