package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.system.SecretBoundState;

/** Pending setup tokens are stored as keyed hashes of the secret: a rotation deletes them. */
public final class SetupTokenInvalidation implements SecretBoundState {

    private final Database database;

    public SetupTokenInvalidation(Database database) {
        this.database = database;
    }

    @Override
    public String description() {
        return "pending setup tokens";
    }

    @Override
    public long invalidate() {
        return database.write(h -> (long) h.execute("DELETE FROM setup_tokens"));
    }
}
