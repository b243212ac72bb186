package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Users in table {@code users}; emails are stored canonical and found through the index on {@code lower(email)}. */
public final class JdbcUserStore implements UserStore {

    private final Database database;

    public JdbcUserStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(User user, String passwordHash) {
        try {
            database.write(h -> h.createUpdate("INSERT INTO users (id, email, display_name, password_hash, is_owner, "
                            + "is_active, password_changed_at, last_login_at, created_at, updated_at) VALUES (:id, "
                            + ":email, :name, :hash, :owner, :active, :changed, :login, :created, :updated)")
                    .bind("id", user.id())
                    .bind("email", user.email().value())
                    .bind("name", user.displayName())
                    .bind("hash", passwordHash)
                    .bind("owner", user.owner())
                    .bind("active", user.active())
                    .bind("changed", user.passwordChangedAt())
                    .bind("login", user.lastLoginAt().orElse(null))
                    .bind("created", user.createdAt())
                    .bind("updated", user.updatedAt())
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (Rows.isUniqueViolation(e)) {
                throw new DuplicateEmailException(user.email());
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findById(UUID id) {
        return database.read(h -> h.createQuery("SELECT " + UserRows.COLUMNS + " FROM users u WHERE u.id = :id")
                .bind("id", id).map(UserRows::map).findOne());
    }

    @Override
    public Optional<User> findByEmail(EmailAddress email) {
        return database.read(h -> h.createQuery("SELECT " + UserRows.COLUMNS
                        + " FROM users u WHERE lower(u.email) = lower(:email)")
                .bind("email", email.value()).map(UserRows::map).findOne());
    }

    @Override
    public Optional<Credentials> credentialsByEmail(EmailAddress email) {
        return database.read(h -> h.createQuery("SELECT " + UserRows.COLUMNS
                        + ", u.password_hash FROM users u WHERE lower(u.email) = lower(:email)")
                .bind("email", email.value())
                .map((rs, ctx) -> new Credentials(UserRows.map(rs, ctx), rs.getString("password_hash")))
                .findOne());
    }

    @Override
    public Optional<String> passwordHash(UUID id) {
        return database.read(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    @Override
    public List<User> list(int limit, int offset) {
        return database.read(h -> h.createQuery("SELECT " + UserRows.COLUMNS
                        + " FROM users u ORDER BY u.created_at DESC, u.email LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).map(UserRows::map).list());
    }

    @Override
    public void update(User user) {
        database.write(h -> h.createUpdate("UPDATE users SET display_name = :name, is_owner = :owner, "
                        + "is_active = :active, updated_at = :updated WHERE id = :id")
                .bind("id", user.id())
                .bind("name", user.displayName())
                .bind("owner", user.owner())
                .bind("active", user.active())
                .bind("updated", user.updatedAt())
                .execute());
    }

    @Override
    public void setPassword(UUID id, String passwordHash, Instant changedAt) {
        database.write(h -> h.createUpdate("UPDATE users SET password_hash = :hash, password_changed_at = :at, "
                        + "updated_at = :at WHERE id = :id")
                .bind("id", id).bind("hash", passwordHash).bind("at", changedAt).execute());
    }

    @Override
    public void replaceHash(UUID id, String passwordHash) {
        database.write(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE id = :id")
                .bind("id", id).bind("hash", passwordHash).execute());
    }

    @Override
    public void recordLogin(UUID id, Instant at) {
        database.write(h -> h.createUpdate("UPDATE users SET last_login_at = :at WHERE id = :id")
                .bind("id", id).bind("at", at).execute());
    }

    @Override
    public boolean delete(UUID id) {
        return database.write(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute()) == 1;
    }

    @Override
    public int countActiveOwnersForUpdate() {
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        return database.write(h -> h.createQuery("SELECT id FROM users WHERE is_owner = :yes AND is_active = :yes"
                        + lock)
                .bind("yes", true).mapTo(UUID.class).list()).size();
    }

    @Override
    public boolean activeOwnerExists() {
        return database.read(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE is_owner = :yes AND is_active = :yes")
                .bind("yes", true).mapTo(Long.class).one()) > 0;
    }
}
