package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.system.SecretBoundState;
import java.time.Clock;

/**
 * Session cookies are looked up by a hash keyed with the secret, so after a rotation they no longer resolve; this
 * also closes their rows, so lists of active sessions tell the truth and nothing can revive them.
 */
public final class SessionInvalidation implements SecretBoundState {

    private final Database database;
    private final Clock clock;

    public SessionInvalidation(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String description() {
        return "user sessions (everyone signs in again)";
    }

    @Override
    public long invalidate() {
        return database.write(h -> (long) h.createUpdate("UPDATE sessions SET revoked_at = :now, "
                        + "revocation_reason = 'secret_rotated' WHERE revoked_at IS NULL")
                .bind("now", clock.instant())
                .execute());
    }
}
