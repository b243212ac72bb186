package dev.z4j.domain.identity;

import dev.z4j.domain.support.KeyedHash;
import dev.z4j.domain.support.RandomTokens;
import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.PasswordHasher;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.SetupTokenStore;
import dev.z4j.ports.identity.SetupTokenStore.SetupTokenRecord;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserStore;
import dev.z4j.ports.projects.Membership;
import dev.z4j.ports.projects.MembershipStore;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.projects.ProjectStore;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The first-boot setup. While no active owner exists, the brain mints a single-use setup token (32 random bytes,
 * stored as a keyed hash, valid 15 minutes); whoever presents it creates the first owner and a first project and is
 * signed in, and the token is burned in the same transaction, so of two concurrent completions exactly one wins.
 * Failed completions are audited ({@code setup.attempt}) and counted per client IP; a wrong or expired token is a
 * clear refusal, never a crash. A headless install can create the owner from operator-provided credentials instead.
 */
public final class SetupInvitations implements FirstBoot {

    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    public static final String FIRST_PROJECT_NAME = "Default";
    static final String HASH_LABEL = "z4j-setup-token-v1";
    private static final int MAX_TOKEN_INPUT = 200;
    private static final int MAX_SLUG_SUFFIX = 99;

    private final SetupTokenStore tokens;
    private final UserStore users;
    private final ProjectStore projects;
    private final MembershipStore memberships;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final SessionIssuer issuer;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final SecretKeys secrets;
    private final Clock clock;
    private final String publicUrl;

    public SetupInvitations(SetupTokenStore tokens, UserStore users, ProjectStore projects,
                            MembershipStore memberships, PasswordHasher hasher, PasswordPolicy policy,
                            LoginThrottle throttle, SessionIssuer issuer, AuditTrail audit, Transactions transactions,
                            SecretKeys secrets, Clock clock, String publicUrl) {
        this.tokens = tokens;
        this.users = users;
        this.projects = projects;
        this.memberships = memberships;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.issuer = issuer;
        this.audit = audit;
        this.transactions = transactions;
        this.secrets = secrets;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public Optional<SetupInvitation> inviteFirstOwner(Caller caller) {
        return transactions.inTransaction(() -> {
            if (users.activeOwnerExists()) {
                return Optional.empty();
            }
            String token = RandomTokens.urlSafe(32);
            Instant now = Timestamps.now(clock);
            Instant expiresAt = now.plus(TOKEN_LIFETIME);
            tokens.replaceAll(new SetupTokenRecord(hash(token), now, expiresAt));
            audit.record(caller.audit("setup.token_minted", "setup", null)
                    .withMetadata(Map.of("expires_at", expiresAt.toString())));
            return Optional.of(new SetupInvitation(publicUrl + "/setup?token=" + token, expiresAt));
        });
    }

    @Override
    public boolean awaitingFirstOwner() {
        return !users.activeOwnerExists();
    }

    @Override
    public void checkToken(Caller caller, String token) {
        List<LoginThrottle.Key> counters = throttle.setup(caller.sourceIp().orElse("unknown"));
        throttle.ensureOpen(counters, Timestamps.now(clock));
        try {
            transactions.inTransaction(() -> checkUsable(token, Timestamps.now(clock)));
        } catch (Refusal refusal) {
            if (isTokenFailure(refusal)) {
                transactions.inTransaction(() -> throttle.recordFailure(counters, Timestamps.now(clock)));
            }
            throw refusal;
        }
    }

    @Override
    public SetupCompleted complete(Caller caller, SetupRequest request) {
        List<LoginThrottle.Key> counters = throttle.setup(caller.sourceIp().orElse("unknown"));
        throttle.ensureOpen(counters, Timestamps.now(clock));
        try {
            checkUsable(request.token(), Timestamps.now(clock));
            EmailAddress email = EmailAddress.parse(request.email());
            String displayName = text(request.displayName(), email.localPart(), User.MAX_DISPLAY_NAME,
                    "display_name");
            String projectName = text(request.projectName(), FIRST_PROJECT_NAME, 200, "project_name");
            policy.check(request.password(), Optional.of(email));
            String passwordHash = hasher.hash(request.password());
            String tokenHash = hash(request.token());
            return transactions.inTransaction(() -> {
                Instant now = Timestamps.now(clock);
                if (users.activeOwnerExists()) {
                    throw alreadyInitialised();
                }
                if (!tokens.consume(tokenHash, now)) {
                    throw tokenRefusal(tokenHash, now);
                }
                User owner = createOwner(email, displayName, passwordHash, now);
                Project project = createFirstProject(projectName, owner, now);
                SignedIn signedIn = issuer.issue(owner, caller, now);
                audit.record(caller.audit("setup.completed", "user", owner.id().toString()).withProject(project.id())
                        .withMetadata(Map.of("email", email.value(), "project_slug", project.slug().value(),
                                "session_id", signedIn.sessionId().toString())));
                return new SetupCompleted(signedIn, project.id(), project.slug().value());
            });
        } catch (Refusal refusal) {
            if (refusal.kind() != Refusal.Kind.THROTTLED) {
                transactions.inTransaction(() -> {
                    if (isTokenFailure(refusal)) {
                        throttle.recordFailure(counters, Timestamps.now(clock));
                    }
                    audit.record(caller.audit("setup.attempt", "setup", null).withResult("failed")
                            .withMetadata(Map.of("reason", refusal.reason())));
                });
            }
            throw refusal;
        }
    }

    @Override
    public Optional<User> bootstrap(Caller caller, String emailText, String password) {
        if (users.activeOwnerExists()) {
            return Optional.empty();
        }
        EmailAddress email = EmailAddress.parse(emailText);
        policy.check(password, Optional.of(email));
        String passwordHash = hasher.hash(password);
        return transactions.inTransaction(() -> {
            if (users.activeOwnerExists()) {
                return Optional.empty();
            }
            Instant now = Timestamps.now(clock);
            User owner = createOwner(email, email.localPart(), passwordHash, now);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("email", email.value());
            if (projects.countActive() == 0) {
                metadata.put("project_slug", createFirstProject(FIRST_PROJECT_NAME, owner, now).slug().value());
            }
            tokens.deleteAll();
            audit.record(caller.audit("setup.bootstrap", "user", owner.id().toString()).withMetadata(metadata));
            return Optional.of(owner);
        });
    }

    /** The stored form of a setup token. */
    public String hash(String token) {
        return KeyedHash.labelledHex(secrets.current().bytes(), HASH_LABEL, token);
    }

    private void checkUsable(String token, Instant now) {
        if (users.activeOwnerExists()) {
            throw alreadyInitialised();
        }
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_INPUT) {
            throw invalidToken();
        }
        String tokenHash = hash(token);
        SetupTokenRecord stored = tokens.findByHash(tokenHash).orElseThrow(SetupInvitations::invalidToken);
        if (!now.isBefore(stored.expiresAt())) {
            throw expired();
        }
    }

    private Refusal tokenRefusal(String tokenHash, Instant now) {
        return tokens.findByHash(tokenHash).filter(t -> !now.isBefore(t.expiresAt())).isPresent()
                ? expired() : invalidToken();
    }

    private User createOwner(EmailAddress email, String displayName, String passwordHash, Instant now) {
        if (users.findByEmail(email).isPresent()) {
            throw Refusal.conflict("email_taken", "a user with email " + email + " already exists but is not an "
                    + "active owner; use `z4j createsuperuser` with another email, then manage that user");
        }
        User owner = new User(UUID.randomUUID(), email, displayName, true, true, now, Optional.empty(), now, now);
        users.insert(owner, passwordHash);
        return owner;
    }

    private Project createFirstProject(String name, User admin, Instant now) {
        ProjectSlug base = ProjectSlug.derive(name, "default");
        ProjectSlug slug = base;
        for (int n = 2; projects.findBySlug(slug).isPresent(); n++) {
            if (n > MAX_SLUG_SUFFIX) {
                throw Refusal.conflict("slug_taken", "no free project slug for '" + name + "'; choose another name");
            }
            String suffix = "-" + n;
            String stem = base.value().substring(0, Math.min(base.value().length(), 50 - suffix.length()));
            slug = ProjectSlug.derive(stem.replaceAll("-+$", "") + suffix, "default");
        }
        Project project = new Project(UUID.randomUUID(), slug, name, Optional.empty(), "production", "UTC", 30, true,
                now, now);
        projects.insert(project);
        memberships.insert(new Membership(UUID.randomUUID(), admin.id(), project.id(), ProjectRole.ADMIN, now, now));
        return project;
    }

    private static String text(String value, String fallback, int max, String field) {
        String v = value == null || value.isBlank() ? fallback : value.strip();
        if (v.length() > max) {
            throw Refusal.invalid("invalid_" + field, field + " must be at most " + max + " characters",
                    Map.of("field", field));
        }
        return v;
    }

    private static boolean isTokenFailure(Refusal refusal) {
        return refusal.kind() == Refusal.Kind.NOT_FOUND || refusal.kind() == Refusal.Kind.EXPIRED;
    }

    private static Refusal invalidToken() {
        return Refusal.notFound("invalid_token", "this setup link is not valid: it was already used, replaced by a "
                + "newer one, or mistyped; restart the brain or run `z4j reset-setup` for a fresh one");
    }

    private static Refusal expired() {
        return Refusal.expired("expired", "this setup link has expired (links last 15 minutes); restart the brain or "
                + "run `z4j reset-setup` for a fresh one");
    }

    private static Refusal alreadyInitialised() {
        return Refusal.conflict("already_initialised", "this brain is already set up; sign in instead");
    }
}
