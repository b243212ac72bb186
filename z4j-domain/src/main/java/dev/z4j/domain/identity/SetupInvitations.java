package dev.z4j.domain.identity;

import dev.z4j.domain.support.KeyedHash;
import dev.z4j.domain.support.RandomTokens;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.OwnerDirectory;
import dev.z4j.ports.identity.SetupTokenStore;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Mints the single-use first-boot setup token: 32 random bytes, stored as a keyed hash, valid 15 minutes. */
public final class SetupInvitations implements FirstBoot {

    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    static final String HASH_LABEL = "z4j-setup-token-v1";

    private final SetupTokenStore tokens;
    private final OwnerDirectory owners;
    private final Transactions transactions;
    private final SecretKeys secrets;
    private final Clock clock;
    private final String publicUrl;

    public SetupInvitations(SetupTokenStore tokens, OwnerDirectory owners, Transactions transactions,
                            SecretKeys secrets, Clock clock, String publicUrl) {
        this.tokens = tokens;
        this.owners = owners;
        this.transactions = transactions;
        this.secrets = secrets;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public Optional<SetupInvitation> inviteFirstOwner() {
        return transactions.inTransaction(() -> {
            if (owners.activeOwnerExists()) {
                return Optional.empty();
            }
            String token = RandomTokens.urlSafe(32);
            Instant now = clock.instant();
            Instant expiresAt = now.plus(TOKEN_LIFETIME);
            tokens.replaceAll(new SetupTokenStore.SetupTokenRecord(hash(token), now, expiresAt));
            return Optional.of(new SetupInvitation(publicUrl + "/setup?token=" + token, expiresAt));
        });
    }

    /** The stored form of a setup token. */
    public String hash(String token) {
        return KeyedHash.labelledHex(secrets.current().bytes(), HASH_LABEL, token);
    }
}
