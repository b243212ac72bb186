package dev.z4j.domain.identity;

import dev.z4j.domain.support.KeyedHash;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.LoginAttemptStore;
import dev.z4j.ports.identity.LoginAttemptStore.Attempts;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.SecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts failed sign-ins per client IP and per account and locks a counter that reaches its threshold within its
 * window. While locked, attempts are refused before any password is checked (no Argon2 work for an attacker) with a
 * retry-after. Accounts are keyed by a keyed hash of the canonical email, so an address that has no user locks
 * exactly like one that has: the throttle reveals nothing about who exists. A lock that ran out starts a fresh count.
 */
public final class LoginThrottle {

    /** How many failures per IP, relative to the per-account threshold (an office behind one NAT address). */
    public static final int IP_THRESHOLD_FACTOR = 5;
    static final Duration SETUP_WINDOW = Duration.ofMinutes(15);
    static final int SETUP_THRESHOLD = 10;
    private static final String ACCOUNT_LABEL = "z4j-login-account-v1";
    private static final Duration KEEP_COUNTERS = Duration.ofDays(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final LoginAttemptStore store;
    private final SecretKeys secrets;
    private final Limit account;
    private final Limit ip;
    private final Limit setupIp;
    private final AtomicReference<Instant> lastPrune = new AtomicReference<>(Instant.EPOCH);

    /**
     * @param threshold failures per account that lock it ({@code Z4J_LOGIN_LOCKOUT_THRESHOLD})
     * @param lockout   how long a lock lasts, and the window failures are counted in ({@code Z4J_LOGIN_LOCKOUT_SECONDS})
     */
    public LoginThrottle(LoginAttemptStore store, SecretKeys secrets, int threshold, Duration lockout) {
        this.store = store;
        this.secrets = secrets;
        this.account = new Limit("account", threshold, lockout, "sign-in");
        this.ip = new Limit("ip", threshold * IP_THRESHOLD_FACTOR, lockout, "sign-in");
        this.setupIp = new Limit("setup_ip", SETUP_THRESHOLD, SETUP_WINDOW, "setup");
    }

    record Limit(String scope, int threshold, Duration window, String what) {
    }

    /** One counter: a limit and whose attempts it counts. */
    record Key(Limit limit, String subject) {
    }

    List<Key> login(String clientIp, EmailAddress email) {
        return List.of(new Key(ip, clientIp), accountKey(email));
    }

    Key accountKey(EmailAddress email) {
        return new Key(account, KeyedHash.labelledHex(secrets.current().bytes(), ACCOUNT_LABEL, email.value()));
    }

    List<Key> setup(String clientIp) {
        return List.of(new Key(setupIp, clientIp));
    }

    /** @throws Refusal THROTTLED while any of the counters is locked */
    void ensureOpen(List<Key> keys, Instant now) {
        for (Key key : keys) {
            Optional<Instant> until = store.find(key.limit().scope(), key.subject())
                    .flatMap(Attempts::lockedUntil).filter(now::isBefore);
            if (until.isPresent()) {
                Duration wait = Duration.between(now, until.get());
                throw Refusal.throttled("too_many_attempts", "too many failed " + key.limit().what()
                        + " attempts; try again in " + Refusal.seconds(wait) + " seconds", wait);
            }
        }
    }

    /** Counts one failure on each counter; returns the counters this failure locked. */
    List<Key> recordFailure(List<Key> keys, Instant now) {
        pruneOccasionally(now);
        List<Key> locked = new ArrayList<>();
        for (Key key : keys) {
            Limit limit = key.limit();
            Optional<Attempts> previous = store.find(limit.scope(), key.subject());
            boolean fresh = previous.isEmpty()
                    || previous.get().lockedUntil().map(u -> !now.isBefore(u)).orElse(false)
                    || !now.isBefore(previous.get().firstFailureAt().plus(limit.window()));
            int failures = fresh ? 1 : previous.get().failures() + 1;
            Instant first = fresh ? now : previous.get().firstFailureAt();
            Optional<Instant> lockedUntil = fresh ? Optional.empty() : previous.get().lockedUntil();
            if (lockedUntil.isEmpty() && failures >= limit.threshold()) {
                lockedUntil = Optional.of(now.plus(limit.window()));
                locked.add(key);
            }
            store.save(limit.scope(), key.subject(), new Attempts(failures, first, now, lockedUntil));
        }
        return locked;
    }

    void clear(Key key) {
        store.clear(key.limit().scope(), key.subject());
    }

    private void pruneOccasionally(Instant now) {
        Instant last = lastPrune.get();
        if (now.isAfter(last.plus(PRUNE_EVERY)) && lastPrune.compareAndSet(last, now)) {
            store.pruneBefore(now.minus(KEEP_COUNTERS));
        }
    }
}
