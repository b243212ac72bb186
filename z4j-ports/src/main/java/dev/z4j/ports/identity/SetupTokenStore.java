package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.Optional;

/** Out-port: the first-boot setup token, stored only as a keyed hash. At most one token is active. */
public interface SetupTokenStore {

    /** Removes every earlier token and stores this one. */
    void replaceAll(SetupTokenRecord token);

    Optional<SetupTokenRecord> findByHash(String tokenHash);

    /** Deletes the token if it is still stored and not expired at {@code now}; true when this call burned it. */
    boolean consume(String tokenHash, Instant now);

    /** Deletes every token (used and expired ones included); returns how many. */
    int deleteAll();

    record SetupTokenRecord(String tokenHash, Instant createdAt, Instant expiresAt) {
    }
}
