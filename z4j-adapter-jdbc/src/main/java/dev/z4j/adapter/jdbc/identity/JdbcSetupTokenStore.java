package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.identity.SetupTokenStore;
import java.time.Instant;
import java.util.Optional;

/** Setup tokens in table {@code setup_tokens}: only the keyed hash is stored. */
public final class JdbcSetupTokenStore implements SetupTokenStore {

    private final Database database;

    public JdbcSetupTokenStore(Database database) {
        this.database = database;
    }

    @Override
    public void replaceAll(SetupTokenRecord token) {
        database.write(h -> {
            h.execute("DELETE FROM setup_tokens");
            return h.createUpdate("INSERT INTO setup_tokens (token_hash, created_at, expires_at) "
                            + "VALUES (:hash, :created, :expires)")
                    .bind("hash", token.tokenHash())
                    .bind("created", token.createdAt())
                    .bind("expires", token.expiresAt())
                    .execute();
        });
    }

    @Override
    public Optional<SetupTokenRecord> findByHash(String tokenHash) {
        return database.read(h -> h.createQuery(
                        "SELECT token_hash, created_at, expires_at FROM setup_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new SetupTokenRecord(rs.getString("token_hash"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "expires_at", ctx)))
                .findOne());
    }

    @Override
    public boolean consume(String tokenHash, Instant now) {
        return database.write(h -> h.createUpdate(
                        "DELETE FROM setup_tokens WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", now)
                .execute()) == 1;
    }

    @Override
    public int deleteAll() {
        return database.write(h -> h.createUpdate("DELETE FROM setup_tokens").execute());
    }
}
