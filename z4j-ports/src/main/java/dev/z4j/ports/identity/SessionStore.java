package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: server-side sessions, found by the keyed hash of their cookie token. */
public interface SessionStore {

    void insert(Session session, String tokenHash);

    /** The session and its user, whatever their state (the domain decides liveness). */
    Optional<Resolved> findByTokenHash(String tokenHash);

    Optional<Session> findById(UUID id);

    /** Sets {@code last_seen_at}. */
    void touch(UUID id, Instant at);

    /** True when this call revoked it (it was not revoked before). */
    boolean revoke(UUID id, String reason, Instant at);

    /** Revokes every session of the user that is not revoked yet; returns how many. */
    int revokeAllOf(UUID userId, String reason, Instant at);

    /** Sessions of the user neither revoked nor past {@code expires_at}, newest first. */
    List<Session> listOpen(UUID userId, Instant now, int limit);

    /** Every stored session of the user, ended ones included (until housekeeping deletes them), newest first. */
    List<Session> listAll(UUID userId, int limit);

    /** Housekeeping: deletes sessions that expired or were revoked before {@code cutoff}. */
    int deleteEndedBefore(Instant cutoff);

    record Resolved(Session session, User user) {
    }
}
