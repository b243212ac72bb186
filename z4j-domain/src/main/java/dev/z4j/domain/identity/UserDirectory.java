package dev.z4j.domain.identity;

import dev.z4j.domain.support.AccessPolicy;
import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.PasswordHasher;
import dev.z4j.ports.identity.SessionStore;
import dev.z4j.ports.identity.SetupTokenStore;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.identity.UserStore;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Users as owners and the operator CLI manage them. Emails are never changed. The last active owner stays: deleting,
 * deactivating or demoting them is refused (the CLI's {@code createsuperuser} recovers an install where it happened
 * anyway). Nobody deletes, deactivates or demotes themselves. Deactivating and setting a password end the user's
 * sessions.
 */
public final class UserDirectory implements UserAdministration {

    static final int MAX_PAGE = 500;

    private final UserStore users;
    private final SessionStore sessions;
    private final SetupTokenStore setupTokens;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public UserDirectory(UserStore users, SessionStore sessions, SetupTokenStore setupTokens, PasswordHasher hasher,
                         PasswordPolicy policy, LoginThrottle throttle, AuditTrail audit, Transactions transactions,
                         Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.setupTokens = setupTokens;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<User> list(Caller caller, int limit, int offset) {
        require(caller, Action.USERS_VIEW);
        return users.list(Math.max(1, Math.min(limit, MAX_PAGE)), Math.max(0, offset));
    }

    @Override
    public User get(Caller caller, UUID userId) {
        require(caller, Action.USERS_VIEW);
        return users.findById(userId).orElseThrow(UserDirectory::notFound);
    }

    @Override
    public Optional<User> findByEmail(Caller caller, String email) {
        require(caller, Action.USERS_VIEW);
        return users.findByEmail(EmailAddress.parse(email));
    }

    @Override
    public User create(Caller caller, NewUser request) {
        require(caller, Action.USERS_MANAGE);
        EmailAddress email = EmailAddress.parse(request.email());
        String displayName = displayName(request.displayName());
        policy.check(request.password(), Optional.of(email));
        String hash = hasher.hash(request.password());
        return transactions.inTransaction(() -> {
            Instant now = Timestamps.now(clock);
            if (users.findByEmail(email).isPresent()) {
                throw emailTaken(email);
            }
            User user = new User(UUID.randomUUID(), email, displayName, request.owner(), true, now, Optional.empty(),
                    now, now);
            try {
                users.insert(user, hash);
            } catch (UserStore.DuplicateEmailException e) {
                throw emailTaken(email);
            }
            if (user.owner()) {
                setupTokens.deleteAll();
            }
            audit.record(caller.audit("user.created", "user", user.id().toString())
                    .withMetadata(Map.of("email", email.value(), "is_owner", user.owner())));
            return user;
        });
    }

    @Override
    public User update(Caller caller, UUID userId, UserChanges changes) {
        require(caller, Action.USERS_MANAGE);
        Optional<String> newName = changes.displayName().map(UserDirectory::displayName);
        return transactions.inTransaction(() -> {
            Instant now = Timestamps.now(clock);
            User before = users.findById(userId).orElseThrow(UserDirectory::notFound);
            User after = before;
            List<String> changed = new ArrayList<>();
            if (newName.isPresent() && !newName.get().equals(before.displayName())) {
                after = after.withDisplayName(newName.get(), now);
                changed.add("display_name");
            }
            if (changes.owner().isPresent() && changes.owner().get() != before.owner()) {
                if (!changes.owner().get()) {
                    guardRemovalOfOwner(caller, before, "demote");
                }
                after = after.withOwner(changes.owner().get(), now);
                changed.add("is_owner");
            }
            if (changes.active().isPresent() && changes.active().get() != before.active()) {
                if (!changes.active().get()) {
                    guardRemovalOfOwner(caller, before, "deactivate");
                }
                after = after.withActive(changes.active().get(), now);
                changed.add("is_active");
            }
            if (changed.isEmpty()) {
                return before;
            }
            users.update(after);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("changed", changed);
            if (!after.active() && before.active()) {
                metadata.put("revoked_sessions", sessions.revokeAllOf(userId, "deactivated", now));
            }
            audit.record(caller.audit("user.updated", "user", userId.toString()).withMetadata(metadata));
            return after;
        });
    }

    @Override
    public void setPassword(Caller caller, UUID userId, String newPassword) {
        require(caller, Action.USERS_MANAGE);
        User user = users.findById(userId).orElseThrow(UserDirectory::notFound);
        policy.check(newPassword, Optional.of(user.email()));
        String hash = hasher.hash(newPassword);
        transactions.inTransaction(() -> {
            Instant now = Timestamps.now(clock);
            users.findById(userId).orElseThrow(UserDirectory::notFound);
            users.setPassword(userId, hash, now);
            int revoked = sessions.revokeAllOf(userId, "password_reset", now);
            throttle.clear(throttle.accountKey(user.email()));
            audit.record(caller.audit("user.password_set", "user", userId.toString())
                    .withMetadata(Map.of("email", user.email().value(), "revoked_sessions", revoked)));
        });
    }

    @Override
    public void delete(Caller caller, UUID userId) {
        require(caller, Action.USERS_MANAGE);
        transactions.inTransaction(() -> {
            User user = users.findById(userId).orElseThrow(UserDirectory::notFound);
            guardRemovalOfOwner(caller, user, "delete");
            users.delete(userId);
            audit.record(caller.audit("user.deleted", "user", userId.toString())
                    .withMetadata(Map.of("email", user.email().value(), "was_owner", user.owner())));
        });
    }

    /** Refuses to delete, deactivate or demote oneself, or the last active owner. */
    private void guardRemovalOfOwner(Caller caller, User target, String verb) {
        if (caller.user().map(u -> u.userId().equals(target.id())).orElse(false)) {
            throw Refusal.conflict("self_" + verb, "you cannot " + verb + " yourself; ask another owner");
        }
        if (target.owner() && target.active() && users.countActiveOwnersForUpdate() <= 1) {
            throw Refusal.conflict("last_owner", "cannot " + verb + " the last active owner; make another user an "
                    + "owner first");
        }
    }

    /** A display name as typed (trimmed), or {@code INVALID invalid_display_name}. */
    static String displayName(String value) {
        try {
            return User.requireDisplayName(value == null ? null : value.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_display_name", e.getMessage(), Map.of("field", "display_name"));
        }
    }

    private static void require(Caller caller, Action action) {
        AccessPolicy.decide(caller.principal(), Optional.empty(), action).orThrow("user");
    }

    private static Refusal notFound() {
        return Refusal.notFound("user_not_found", "user not found");
    }

    private static Refusal emailTaken(EmailAddress email) {
        return Refusal.conflict("email_taken", "a user with email " + email + " already exists");
    }
}
