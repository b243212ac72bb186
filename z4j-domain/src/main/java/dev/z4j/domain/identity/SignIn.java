package dev.z4j.domain.identity;

import dev.z4j.domain.support.RandomTokens;
import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Authenticated;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.PasswordHasher;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.SessionStore;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserStore;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in and out, and resolving session cookies.
 *
 * <p>Every failed sign-in does the same work, whatever the cause: one Argon2 verification (against a throw-away hash
 * when the email is unknown), one counter update, one audit row; and returns the same refusal. Argon2 runs outside
 * any transaction, so a slow hash never holds the database writer.
 */
public final class SignIn implements Authentication {

    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    private static final int MAX_PASSWORD_INPUT = 1024;
    private static final int MAX_TOKEN_INPUT = 200;

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SessionIssuer issuer;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;
    private volatile String decoyHash;

    public SignIn(UserStore users, SessionStore sessions, PasswordHasher hasher, LoginThrottle throttle,
                  SessionIssuer issuer, AuditTrail audit, Transactions transactions, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.issuer = issuer;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public SignedIn login(Caller caller, String emailText, String password) {
        EmailAddress email = EmailAddress.parse(emailText);
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_INPUT) {
            throw Refusal.invalid("invalid_password_input", "password must be 1 to " + MAX_PASSWORD_INPUT
                    + " characters", Map.of("field", "password"));
        }
        List<LoginThrottle.Key> counters = throttle.login(caller.sourceIp().orElse("unknown"), email);
        throttle.ensureOpen(counters, Timestamps.now(clock));

        String decoy = decoyHash();
        Optional<UserStore.Credentials> credentials = users.credentialsByEmail(email);
        PasswordHasher.Verification verification =
                hasher.verify(password, credentials.map(UserStore.Credentials::passwordHash).orElse(decoy));
        String failure = credentials.isEmpty() ? "unknown_email"
                : !verification.matches() ? "wrong_password"
                : !credentials.get().user().active() ? "inactive" : null;
        if (failure != null) {
            transactions.inTransaction(() -> {
                Instant now = Timestamps.now(clock);
                for (LoginThrottle.Key locked : throttle.recordFailure(counters, now)) {
                    audit.record(caller.audit("auth.lockout", "login_throttle", locked.limit().scope())
                            .withResult("denied").withMetadata(Map.of("email", email.value(),
                                    "scope", locked.limit().scope())));
                }
                audit.record(caller.audit("auth.login", "user",
                                credentials.map(c -> c.user().id().toString()).orElse(null))
                        .withResult("failed").withMetadata(Map.of("email", email.value(), "reason", failure)));
            });
            throw Refusal.unauthenticated(INVALID_CREDENTIALS, INVALID_CREDENTIALS);
        }
        User user = credentials.get().user();
        Optional<String> rehashed = verification.needsRehash() ? Optional.of(hasher.hash(password)) : Optional.empty();
        return transactions.inTransaction(() -> {
            Instant now = Timestamps.now(clock);
            throttle.clear(throttle.accountKey(email));
            rehashed.ifPresent(hash -> users.replaceHash(user.id(), hash));
            users.recordLogin(user.id(), now);
            SignedIn signedIn = issuer.issue(user, caller, now);
            audit.record(new Caller(new Principal.User(user.id(), user.owner(), signedIn.sessionId()),
                    caller.sourceIp(), caller.userAgent()).audit("auth.login", "user", user.id().toString())
                    .withMetadata(Map.of("session_id", signedIn.sessionId().toString(),
                            "rehashed", rehashed.isPresent())));
            return signedIn;
        });
    }

    @Override
    public Optional<Authenticated> authenticate(String sessionToken) {
        if (sessionToken == null || sessionToken.isEmpty() || sessionToken.length() > MAX_TOKEN_INPUT) {
            return Optional.empty();
        }
        Instant now = Timestamps.now(clock);
        return sessions.findByTokenHash(issuer.tokenHash(sessionToken))
                .filter(r -> r.user().active())
                .filter(r -> r.session().deadReason(now, issuer.idleTimeout(), r.user().passwordChangedAt()).isEmpty())
                .map(r -> {
                    if (!now.isBefore(r.session().lastSeenAt().plus(SessionIssuer.TOUCH_INTERVAL))) {
                        transactions.inTransaction(() -> sessions.touch(r.session().id(), now));
                    }
                    return new Authenticated(new Principal.User(r.user().id(), r.user().owner(), r.session().id()),
                            r.user(), r.session());
                });
    }

    @Override
    public void logout(Caller caller) {
        Principal.User user = caller.user().orElseThrow(() ->
                Refusal.unauthenticated("authentication_required", "authentication required"));
        transactions.inTransaction(() -> {
            sessions.revoke(user.sessionId(), "logout", Timestamps.now(clock));
            audit.record(caller.audit("auth.logout", "user", user.userId().toString())
                    .withMetadata(Map.of("session_id", user.sessionId().toString())));
        });
    }

    /** A hash of a random password with the current parameters, verified when the email is unknown. */
    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            synchronized (this) {
                if (decoyHash == null) {
                    decoyHash = hasher.hash(RandomTokens.urlSafe(24));
                }
                hash = decoyHash;
            }
        }
        return hash;
    }
}
