package dev.z4j.domain.testing;

import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.LoginAttemptStore;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.SessionStore;
import dev.z4j.ports.identity.SetupTokenStore;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserStore;
import dev.z4j.ports.projects.Member;
import dev.z4j.ports.projects.Membership;
import dev.z4j.ports.projects.MembershipStore;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.projects.ProjectStore;
import dev.z4j.ports.projects.ProjectWithRole;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** In-memory fakes of the identity and projects out-ports, sharing one fake transaction manager. */
public final class InMemoryIdentity {

    public final FakeTransactions transactions = new FakeTransactions();
    public final Users users = new Users(transactions);
    public final Sessions sessions = new Sessions(transactions, users);
    public final Attempts attempts = new Attempts(transactions);
    public final SetupTokens setupTokens = new SetupTokens(transactions);
    public final Projects projects = new Projects(transactions);
    public final Memberships memberships = new Memberships(transactions, users, projects);

    public static final class Users implements UserStore {
        private final Table<UUID, User> rows;
        private final Table<UUID, String> hashes;

        Users(FakeTransactions transactions) {
            rows = new Table<>(transactions);
            hashes = new Table<>(transactions);
        }

        @Override
        public void insert(User user, String passwordHash) {
            if (findByEmail(user.email()).isPresent()) {
                throw new DuplicateEmailException(user.email());
            }
            rows.put(user.id(), user);
            hashes.put(user.id(), passwordHash);
        }

        @Override
        public Optional<User> findById(UUID id) {
            return rows.get(id);
        }

        @Override
        public Optional<User> findByEmail(EmailAddress email) {
            return rows.where(u -> u.email().equals(email)).stream().findFirst();
        }

        @Override
        public Optional<Credentials> credentialsByEmail(EmailAddress email) {
            return findByEmail(email).map(u -> new Credentials(u, hashes.get(u.id()).orElseThrow()));
        }

        @Override
        public Optional<String> passwordHash(UUID id) {
            return hashes.get(id);
        }

        @Override
        public List<User> list(int limit, int offset) {
            return rows.all().stream().sorted(Comparator.comparing(User::createdAt).reversed()).skip(offset)
                    .limit(limit).toList();
        }

        @Override
        public void update(User user) {
            User current = rows.get(user.id()).orElseThrow();
            rows.put(user.id(), new User(current.id(), current.email(), user.displayName(), user.owner(),
                    user.active(), current.passwordChangedAt(), current.lastLoginAt(), current.createdAt(),
                    user.updatedAt()));
        }

        @Override
        public void setPassword(UUID id, String passwordHash, Instant changedAt) {
            User u = rows.get(id).orElseThrow();
            hashes.put(id, passwordHash);
            rows.put(id, new User(u.id(), u.email(), u.displayName(), u.owner(), u.active(), changedAt,
                    u.lastLoginAt(), u.createdAt(), changedAt));
        }

        @Override
        public void replaceHash(UUID id, String passwordHash) {
            hashes.put(id, passwordHash);
        }

        @Override
        public void recordLogin(UUID id, Instant at) {
            User u = rows.get(id).orElseThrow();
            rows.put(id, new User(u.id(), u.email(), u.displayName(), u.owner(), u.active(), u.passwordChangedAt(),
                    Optional.of(at), u.createdAt(), u.updatedAt()));
        }

        @Override
        public boolean delete(UUID id) {
            hashes.remove(id);
            return rows.remove(id);
        }

        @Override
        public int countActiveOwnersForUpdate() {
            return rows.where(u -> u.owner() && u.active()).size();
        }

        @Override
        public boolean activeOwnerExists() {
            return countActiveOwnersForUpdate() > 0;
        }

        public String hashOf(UUID id) {
            return hashes.get(id).orElseThrow();
        }
    }

    public static final class Sessions implements SessionStore {
        private final Table<UUID, Session> rows;
        private final Table<String, UUID> byHash;
        private final Users users;

        Sessions(FakeTransactions transactions, Users users) {
            rows = new Table<>(transactions);
            byHash = new Table<>(transactions);
            this.users = users;
        }

        @Override
        public void insert(Session session, String tokenHash) {
            rows.put(session.id(), session);
            byHash.put(tokenHash, session.id());
        }

        @Override
        public Optional<Resolved> findByTokenHash(String tokenHash) {
            return byHash.get(tokenHash).flatMap(rows::get)
                    .flatMap(s -> users.findById(s.userId()).map(u -> new Resolved(s, u)));
        }

        @Override
        public Optional<Session> findById(UUID id) {
            return rows.get(id);
        }

        @Override
        public void touch(UUID id, Instant at) {
            Session s = rows.get(id).orElseThrow();
            rows.put(id, new Session(s.id(), s.userId(), s.csrfToken(), s.issuedAt(), s.expiresAt(), at,
                    s.revokedAt(), s.revocationReason(), s.ipAtIssue(), s.userAgentAtIssue()));
        }

        @Override
        public boolean revoke(UUID id, String reason, Instant at) {
            Optional<Session> s = rows.get(id).filter(x -> x.revokedAt().isEmpty());
            s.ifPresent(x -> rows.put(id, new Session(x.id(), x.userId(), x.csrfToken(), x.issuedAt(),
                    x.expiresAt(), x.lastSeenAt(), Optional.of(at), Optional.of(reason), x.ipAtIssue(),
                    x.userAgentAtIssue())));
            return s.isPresent();
        }

        @Override
        public int revokeAllOf(UUID userId, String reason, Instant at) {
            int n = 0;
            for (Session s : rows.where(x -> x.userId().equals(userId) && x.revokedAt().isEmpty())) {
                n += revoke(s.id(), reason, at) ? 1 : 0;
            }
            return n;
        }

        @Override
        public List<Session> listOpen(UUID userId, Instant now, int limit) {
            return rows.where(s -> s.userId().equals(userId) && s.revokedAt().isEmpty()
                            && now.isBefore(s.expiresAt())).stream()
                    .sorted(Comparator.comparing(Session::issuedAt).reversed()).limit(limit).toList();
        }

        @Override
        public List<Session> listAll(UUID userId, int limit) {
            return rows.where(s -> s.userId().equals(userId)).stream()
                    .sorted(Comparator.comparing(Session::issuedAt).reversed()).limit(limit).toList();
        }

        @Override
        public int deleteEndedBefore(Instant cutoff) {
            int n = 0;
            for (Session s : rows.where(x -> x.expiresAt().isBefore(cutoff)
                    || x.revokedAt().map(r -> r.isBefore(cutoff)).orElse(false))) {
                n += rows.remove(s.id()) ? 1 : 0;
            }
            return n;
        }
    }

    public static final class Attempts implements LoginAttemptStore {
        private final Table<String, LoginAttemptStore.Attempts> rows;

        Attempts(FakeTransactions transactions) {
            rows = new Table<>(transactions);
        }

        @Override
        public Optional<LoginAttemptStore.Attempts> find(String scope, String subject) {
            return rows.get(scope + "|" + subject);
        }

        @Override
        public void save(String scope, String subject, LoginAttemptStore.Attempts attempts) {
            rows.put(scope + "|" + subject, attempts);
        }

        @Override
        public void clear(String scope, String subject) {
            rows.remove(scope + "|" + subject);
        }

        @Override
        public int pruneBefore(Instant cutoff) {
            return 0;
        }
    }

    public static final class SetupTokens implements SetupTokenStore {
        private final Table<String, SetupTokenRecord> rows;

        SetupTokens(FakeTransactions transactions) {
            rows = new Table<>(transactions);
        }

        @Override
        public void replaceAll(SetupTokenRecord token) {
            deleteAll();
            rows.put(token.tokenHash(), token);
        }

        @Override
        public Optional<SetupTokenRecord> findByHash(String tokenHash) {
            return rows.get(tokenHash);
        }

        @Override
        public boolean consume(String tokenHash, Instant now) {
            return rows.get(tokenHash).filter(t -> now.isBefore(t.expiresAt())).map(t -> rows.remove(tokenHash))
                    .orElse(false);
        }

        @Override
        public int deleteAll() {
            int n = 0;
            for (SetupTokenRecord t : rows.all()) {
                n += rows.remove(t.tokenHash()) ? 1 : 0;
            }
            return n;
        }

        public int count() {
            return rows.all().size();
        }
    }

    public static final class Projects implements ProjectStore {
        private final Table<UUID, Project> rows;

        Projects(FakeTransactions transactions) {
            rows = new Table<>(transactions);
        }

        @Override
        public void insert(Project project) {
            if (findBySlug(project.slug()).isPresent()) {
                throw new DuplicateSlugException(project.slug());
            }
            rows.put(project.id(), project);
        }

        @Override
        public Optional<Project> findBySlug(ProjectSlug slug) {
            return rows.where(p -> p.slug().equals(slug)).stream().findFirst();
        }

        @Override
        public Optional<Project> findById(UUID id) {
            return rows.get(id);
        }

        @Override
        public List<Project> listActive(int limit) {
            return rows.where(Project::active).stream().sorted(Comparator.comparing(p -> p.slug().value()))
                    .limit(limit).toList();
        }

        @Override
        public void update(Project project) {
            if (rows.where(p -> p.slug().equals(project.slug()) && !p.id().equals(project.id())).size() > 0) {
                throw new DuplicateSlugException(project.slug());
            }
            rows.put(project.id(), project);
        }

        @Override
        public int countActive() {
            return rows.where(Project::active).size();
        }
    }

    public static final class Memberships implements MembershipStore {
        private final Table<UUID, Membership> rows;
        private final Users users;
        private final Projects projects;

        Memberships(FakeTransactions transactions, Users users, Projects projects) {
            rows = new Table<>(transactions);
            this.users = users;
            this.projects = projects;
        }

        @Override
        public void insert(Membership membership) {
            if (find(membership.userId(), membership.projectId()).isPresent()) {
                throw new DuplicateMembershipException();
            }
            rows.put(membership.id(), membership);
        }

        @Override
        public Optional<Membership> findById(UUID id) {
            return rows.get(id);
        }

        @Override
        public Optional<Membership> find(UUID userId, UUID projectId) {
            return rows.where(m -> m.userId().equals(userId) && m.projectId().equals(projectId)).stream()
                    .findFirst();
        }

        @Override
        public List<Member> listForProject(UUID projectId) {
            return rows.where(m -> m.projectId().equals(projectId)).stream()
                    .flatMap(m -> users.findById(m.userId()).stream()
                            .map(u -> new Member(m, u.email(), u.displayName())))
                    .sorted(Comparator.comparing(m -> m.email().value())).toList();
        }

        @Override
        public List<ProjectWithRole> listForUser(UUID userId) {
            return rows.where(m -> m.userId().equals(userId)).stream()
                    .flatMap(m -> projects.findById(m.projectId()).filter(Project::active).stream()
                            .map(p -> new ProjectWithRole(p, m.role())))
                    .sorted(Comparator.comparing(p -> p.project().slug().value())).toList();
        }

        @Override
        public void updateRole(UUID id, ProjectRole role, Instant at) {
            Membership m = rows.get(id).orElseThrow();
            rows.put(id, new Membership(m.id(), m.userId(), m.projectId(), role, m.createdAt(), at));
        }

        @Override
        public boolean delete(UUID id) {
            return rows.remove(id);
        }

        @Override
        public int countActiveAdminsForUpdate(UUID projectId) {
            return (int) rows.where(m -> m.projectId().equals(projectId) && m.role() == ProjectRole.ADMIN).stream()
                    .filter(m -> users.findById(m.userId()).map(User::active).orElse(false)).count();
        }
    }
}
