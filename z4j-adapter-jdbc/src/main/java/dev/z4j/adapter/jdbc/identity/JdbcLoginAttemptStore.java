package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.identity.LoginAttemptStore;
import java.time.Instant;
import java.util.Optional;

/** Failed sign-in counters in table {@code login_attempts}. */
public final class JdbcLoginAttemptStore implements LoginAttemptStore {

    private final Database database;

    public JdbcLoginAttemptStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Attempts> find(String scope, String subject) {
        String lock = database.inTransaction() && database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
        return database.read(h -> h.createQuery("SELECT failures, first_failure_at, last_failure_at, locked_until "
                        + "FROM login_attempts WHERE scope = :scope AND subject = :subject" + lock)
                .bind("scope", scope).bind("subject", subject)
                .map((rs, ctx) -> new Attempts(rs.getInt("failures"), Rows.instant(rs, "first_failure_at", ctx),
                        Rows.instant(rs, "last_failure_at", ctx), Rows.optionalInstant(rs, "locked_until", ctx)))
                .findOne());
    }

    @Override
    public void save(String scope, String subject, Attempts attempts) {
        database.write(h -> h.createUpdate("INSERT INTO login_attempts (scope, subject, failures, first_failure_at, "
                        + "last_failure_at, locked_until) VALUES (:scope, :subject, :failures, :first, :last, :locked) "
                        + "ON CONFLICT (scope, subject) DO UPDATE SET failures = excluded.failures, "
                        + "first_failure_at = excluded.first_failure_at, last_failure_at = excluded.last_failure_at, "
                        + "locked_until = excluded.locked_until")
                .bind("scope", scope)
                .bind("subject", subject)
                .bind("failures", attempts.failures())
                .bind("first", attempts.firstFailureAt())
                .bind("last", attempts.lastFailureAt())
                .bind("locked", attempts.lockedUntil().orElse(null))
                .execute());
    }

    @Override
    public void clear(String scope, String subject) {
        database.write(h -> h.createUpdate("DELETE FROM login_attempts WHERE scope = :scope AND subject = :subject")
                .bind("scope", scope).bind("subject", subject).execute());
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return database.write(h -> h.createUpdate("DELETE FROM login_attempts WHERE last_failure_at < :cutoff "
                        + "AND (locked_until IS NULL OR locked_until < :cutoff)")
                .bind("cutoff", cutoff).execute());
    }
}
