package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Rows;
import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** Sessions in table {@code sessions}, found by the keyed hash of their cookie token. */
public final class JdbcSessionStore implements SessionStore {

    private static final String COLUMNS = "s.id AS s_id, s.user_id AS s_user_id, s.csrf_token AS s_csrf_token, "
            + "s.issued_at AS s_issued_at, s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at, "
            + "s.revoked_at AS s_revoked_at, s.revocation_reason AS s_revocation_reason, "
            + "s.ip_at_issue AS s_ip_at_issue, s.user_agent_at_issue AS s_user_agent_at_issue";

    private final Database database;

    public JdbcSessionStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Session session, String tokenHash) {
        database.write(h -> h.createUpdate("INSERT INTO sessions (id, user_id, token_hash, csrf_token, issued_at, "
                        + "expires_at, last_seen_at, revoked_at, revocation_reason, ip_at_issue, user_agent_at_issue) "
                        + "VALUES (:id, :user, :hash, :csrf, :issued, :expires, :seen, :revoked, :reason, :ip, :ua)")
                .bind("id", session.id())
                .bind("user", session.userId())
                .bind("hash", tokenHash)
                .bind("csrf", session.csrfToken())
                .bind("issued", session.issuedAt())
                .bind("expires", session.expiresAt())
                .bind("seen", session.lastSeenAt())
                .bind("revoked", session.revokedAt().orElse(null))
                .bind("reason", session.revocationReason().orElse(null))
                .bind("ip", session.ipAtIssue())
                .bind("ua", session.userAgentAtIssue().orElse(null))
                .execute());
    }

    @Override
    public Optional<Resolved> findByTokenHash(String tokenHash) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + ", " + UserRows.COLUMNS
                        + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new Resolved(map(rs, ctx), UserRows.map(rs, ctx)))
                .findOne());
    }

    @Override
    public Optional<Session> findById(UUID id) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM sessions s WHERE s.id = :id")
                .bind("id", id).map(JdbcSessionStore::map).findOne());
    }

    @Override
    public void touch(UUID id, Instant at) {
        database.write(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :at WHERE id = :id AND last_seen_at < :at")
                .bind("id", id).bind("at", at).execute());
    }

    @Override
    public boolean revoke(UUID id, String reason, Instant at) {
        return database.write(h -> h.createUpdate("UPDATE sessions SET revoked_at = :at, revocation_reason = :reason "
                        + "WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).bind("reason", reason).bind("at", at).execute()) == 1;
    }

    @Override
    public int revokeAllOf(UUID userId, String reason, Instant at) {
        return database.write(h -> h.createUpdate("UPDATE sessions SET revoked_at = :at, revocation_reason = :reason "
                        + "WHERE user_id = :user AND revoked_at IS NULL")
                .bind("user", userId).bind("reason", reason).bind("at", at).execute());
    }

    @Override
    public List<Session> listOpen(UUID userId, Instant now, int limit) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM sessions s WHERE s.user_id = :user "
                        + "AND s.revoked_at IS NULL AND s.expires_at > :now ORDER BY s.issued_at DESC LIMIT :limit")
                .bind("user", userId).bind("now", now).bind("limit", limit)
                .map(JdbcSessionStore::map).list());
    }

    @Override
    public List<Session> listAll(UUID userId, int limit) {
        return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM sessions s WHERE s.user_id = :user "
                        + "ORDER BY s.issued_at DESC, s.id LIMIT :limit")
                .bind("user", userId).bind("limit", limit)
                .map(JdbcSessionStore::map).list());
    }

    @Override
    public int deleteEndedBefore(Instant cutoff) {
        return database.write(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at < :cutoff "
                        + "OR revoked_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    private static Session map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Session(Rows.uuid(rs, "s_id", ctx), Rows.uuid(rs, "s_user_id", ctx), rs.getString("s_csrf_token"),
                Rows.instant(rs, "s_issued_at", ctx), Rows.instant(rs, "s_expires_at", ctx),
                Rows.instant(rs, "s_last_seen_at", ctx), Rows.optionalInstant(rs, "s_revoked_at", ctx),
                Optional.ofNullable(rs.getString("s_revocation_reason")), rs.getString("s_ip_at_issue"),
                Optional.ofNullable(rs.getString("s_user_agent_at_issue")));
    }
}
