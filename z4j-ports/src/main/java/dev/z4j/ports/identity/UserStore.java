package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: users and their password hashes. Emails are canonical {@link EmailAddress} values. */
public interface UserStore extends OwnerDirectory {

    /** @throws DuplicateEmailException when a user with that email exists */
    void insert(User user, String passwordHash);

    Optional<User> findById(UUID id);

    Optional<User> findByEmail(EmailAddress email);

    Optional<Credentials> credentialsByEmail(EmailAddress email);

    Optional<String> passwordHash(UUID id);

    /** Newest first. */
    List<User> list(int limit, int offset);

    /** Writes display name, owner, active and {@code updatedAt} (never the email). */
    void update(User user);

    /** A new password: bumps {@code password_changed_at} to {@code changedAt}. */
    void setPassword(UUID id, String passwordHash, Instant changedAt);

    /** The same password re-hashed with current parameters: {@code password_changed_at} stays. */
    void replaceHash(UUID id, String passwordHash);

    void recordLogin(UUID id, Instant at);

    boolean delete(UUID id);

    /**
     * Active owners, counted inside the caller's transaction so that two concurrent changes cannot both remove the
     * "other" owner (rows locked on PostgreSQL; SQLite has one writer).
     */
    int countActiveOwnersForUpdate();

    record Credentials(User user, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[user=" + user.id() + "]";
        }
    }

    /** The unique index on the canonical email refused a row. */
    final class DuplicateEmailException extends RuntimeException {
        public DuplicateEmailException(EmailAddress email) {
            super("a user with email " + email + " already exists", null, false, false);
        }
    }
}
