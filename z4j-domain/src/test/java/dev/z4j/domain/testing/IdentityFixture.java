package dev.z4j.domain.testing;

import dev.z4j.domain.identity.LoginThrottle;
import dev.z4j.domain.identity.OwnAccount;
import dev.z4j.domain.identity.PasswordPolicy;
import dev.z4j.domain.identity.SessionIssuer;
import dev.z4j.domain.identity.SessionOverview;
import dev.z4j.domain.identity.SetupInvitations;
import dev.z4j.domain.identity.SignIn;
import dev.z4j.domain.identity.UserDirectory;
import dev.z4j.domain.projects.ProjectCatalog;
import dev.z4j.domain.projects.ProjectMembers;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserAdministration.NewUser;
import dev.z4j.ports.projects.Memberships.UserRef;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.Projects.NewProject;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every identity and projects service on in-memory fakes, with helpers to set the scene. */
public final class IdentityFixture {

    public static final String PASSWORD = "violet-harbour-lantern-7";
    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofDays(7);
    public static final int THRESHOLD = 3;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    public final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    public final InMemoryIdentity db = new InMemoryIdentity();
    public final FakePasswordHasher hasher = new FakePasswordHasher();
    public final RecordingAuditTrail audit = new RecordingAuditTrail(db.transactions);
    public final SecretKeys secrets = SecretKeys.of(Secret.ofText("test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"),
            List.of());
    public final PasswordPolicy policy = PasswordPolicy.withMinimumLength(12);
    public final LoginThrottle throttle = new LoginThrottle(db.attempts, secrets, THRESHOLD, LOCKOUT);
    public final SessionIssuer issuer = new SessionIssuer(db.sessions, secrets, IDLE, ABSOLUTE);
    public final SignIn signIn = new SignIn(db.users, db.sessions, hasher, throttle, issuer, audit, db.transactions,
            clock);
    public final OwnAccount account = new OwnAccount(db.users, db.sessions, db.projects, db.memberships, hasher,
            policy, throttle, issuer, audit, db.transactions, clock);
    public final UserDirectory users = new UserDirectory(db.users, db.sessions, db.setupTokens, hasher, policy,
            throttle, audit, db.transactions, clock);
    public final SessionOverview sessions = new SessionOverview(db.users, db.sessions, issuer, clock);
    public final SetupInvitations setup = new SetupInvitations(db.setupTokens, db.users, db.projects, db.memberships,
            hasher, policy, throttle, issuer, audit, db.transactions, secrets, clock, "https://z4j.example.test/");
    public final ProjectCatalog projects = new ProjectCatalog(db.projects, db.memberships, audit, db.transactions,
            clock);
    public final ProjectMembers members = new ProjectMembers(projects, db.memberships, db.users, audit,
            db.transactions, clock);

    public static final Caller CLI = Caller.cli("root");

    /** A request from {@code ip} without a session. */
    public static Caller anonymous(String ip) {
        return Caller.of(new Principal.Anonymous(), ip, "test-agent");
    }

    /** The refusal {@code action} throws; fails the test when it throws none. */
    public static Refusal refusal(Runnable action) {
        try {
            action.run();
        } catch (Refusal r) {
            return r;
        }
        throw new AssertionError("expected a refusal");
    }

    public User user(String email, boolean owner) {
        return users.create(CLI, new NewUser(email, "Someone", PASSWORD, owner));
    }

    public SignedIn login(String email) {
        return signIn.login(anonymous("192.0.2.10"), email, PASSWORD);
    }

    /** The caller a browser with this session becomes. */
    public Caller as(SignedIn signedIn) {
        return Caller.of(signIn.authenticate(signedIn.sessionToken()).orElseThrow().principal(), "192.0.2.10", "ua");
    }

    public Project project(String slug) {
        return projects.create(CLI, new NewProject(slug, "Project " + slug, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    public void member(User user, Project project, ProjectRole role) {
        members.grant(CLI, project.slug().value(), new UserRef(Optional.of(user.id()), Optional.empty()), role);
    }
}
