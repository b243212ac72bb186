package dev.z4j.domain.identity;

import dev.z4j.domain.support.AccessPolicy;
import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.PasswordHasher;
import dev.z4j.ports.identity.PasswordRules;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.SessionStore;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserStore;
import dev.z4j.ports.projects.MembershipStore;
import dev.z4j.ports.projects.ProjectStore;
import dev.z4j.ports.projects.ProjectWithRole;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A signed-in user's own account: who am I, change my password, my sessions. */
public final class OwnAccount implements Accounts {

    static final int MAX_LISTED_SESSIONS = 100;
    static final int MAX_LISTED_PROJECTS = 500;

    private final UserStore users;
    private final SessionStore sessions;
    private final ProjectStore projects;
    private final MembershipStore memberships;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final SessionIssuer issuer;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public OwnAccount(UserStore users, SessionStore sessions, ProjectStore projects, MembershipStore memberships,
                      PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle, SessionIssuer issuer,
                      AuditTrail audit, Transactions transactions, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.projects = projects;
        this.memberships = memberships;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.issuer = issuer;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Me me(Caller caller) {
        Principal.User principal = signedInUser(caller);
        User user = users.findById(principal.userId()).orElseThrow(OwnAccount::gone);
        List<ProjectWithRole> reachable = user.owner()
                ? projects.listActive(MAX_LISTED_PROJECTS).stream()
                        .map(p -> new ProjectWithRole(p, ProjectRole.ADMIN)).toList()
                : memberships.listForUser(user.id());
        return new Me(user, reachable.stream().map(p -> new ProjectMembership(p.project().id(),
                p.project().slug().value(), p.role())).toList());
    }

    @Override
    public SignedIn changePassword(Caller caller, String currentPassword, String newPassword) {
        Principal.User principal = signedInUser(caller);
        User user = users.findById(principal.userId()).orElseThrow(OwnAccount::gone);
        String storedHash = users.passwordHash(user.id()).orElseThrow(OwnAccount::gone);
        LoginThrottle.Key account = throttle.accountKey(user.email());
        throttle.ensureOpen(List.of(account), Timestamps.now(clock));
        if (currentPassword == null || !hasher.verify(currentPassword, storedHash).matches()) {
            transactions.inTransaction(() -> {
                throttle.recordFailure(List.of(account), Timestamps.now(clock));
                audit.record(caller.audit("auth.password_changed", "user", user.id().toString())
                        .withResult("failed").withMetadata(Map.of("reason", "wrong_current_password")));
            });
            throw Refusal.unauthenticated("wrong_current_password", "current password is incorrect");
        }
        policy.check(newPassword, Optional.of(user.email()));
        String newHash = hasher.hash(newPassword);
        return transactions.inTransaction(() -> {
            Instant now = Timestamps.now(clock);
            users.setPassword(user.id(), newHash, now);
            int revoked = sessions.revokeAllOf(user.id(), "password_changed", now);
            User updated = users.findById(user.id()).orElseThrow(OwnAccount::gone);
            SignedIn fresh = issuer.issue(updated, caller, now);
            audit.record(caller.audit("auth.password_changed", "user", user.id().toString())
                    .withMetadata(Map.of("revoked_sessions", revoked, "session_id", fresh.sessionId().toString())));
            return fresh;
        });
    }

    @Override
    public User changeDisplayName(Caller caller, String displayName) {
        Principal.User principal = signedInUser(caller);
        String name = UserDirectory.displayName(displayName);
        return transactions.inTransaction(() -> {
            User before = users.findById(principal.userId()).orElseThrow(OwnAccount::gone);
            if (before.displayName().equals(name)) {
                return before;
            }
            User after = before.withDisplayName(name, Timestamps.now(clock));
            users.update(after);
            audit.record(caller.audit("user.updated", "user", before.id().toString())
                    .withMetadata(Map.of("changed", List.of("display_name"))));
            return after;
        });
    }

    @Override
    public List<SessionView> sessions(Caller caller) {
        Principal.User principal = signedInUser(caller);
        User user = users.findById(principal.userId()).orElseThrow(OwnAccount::gone);
        Instant now = Timestamps.now(clock);
        return sessions.listOpen(user.id(), now, MAX_LISTED_SESSIONS).stream()
                .filter(s -> s.deadReason(now, issuer.idleTimeout(), user.passwordChangedAt()).isEmpty())
                .map(s -> new SessionView(s, s.id().equals(principal.sessionId())))
                .toList();
    }

    @Override
    public void revokeSession(Caller caller, UUID sessionId) {
        Principal.User principal = signedInUser(caller);
        transactions.inTransaction(() -> {
            Session session = sessions.findById(sessionId)
                    .filter(s -> s.userId().equals(principal.userId()))
                    .orElseThrow(() -> Refusal.notFound("session_not_found", "session not found"));
            if (sessions.revoke(session.id(), "user_revoke", Timestamps.now(clock))) {
                audit.record(caller.audit("auth.session_revoked", "session", session.id().toString())
                        .withMetadata(Map.of("revoked_session_id", session.id().toString())));
            }
        });
    }

    @Override
    public PasswordRules passwordRules() {
        return policy.rules();
    }

    /** The session was live but its user row is gone (deleted a moment ago). */
    private static Refusal gone() {
        return Refusal.unauthenticated("user_missing", "authentication required");
    }

    private static Principal.User signedInUser(Caller caller) {
        AccessPolicy.decide(caller.principal(), Optional.empty(), Action.ACCOUNT_SELF).orThrow("account");
        return caller.user().orElseThrow(() -> Refusal.forbidden("user_required",
                "only a signed-in user has an account", Map.of("have", "operator", "need", "user")));
    }
}
