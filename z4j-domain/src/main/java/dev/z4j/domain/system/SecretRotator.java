package dev.z4j.domain.system;

import dev.z4j.domain.support.RandomTokens;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.ChainActions;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretBoundState;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.SecretRotation;
import dev.z4j.ports.system.SecretStore;
import dev.z4j.ports.system.Transactions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rotates {@code Z4J_SECRET}: records {@code system.secret_rotated} under the old key (its metadata announces the new
 * key id, so verification knows the chain continues under it), ends every {@link SecretBoundState}, and swaps the
 * secret in the store, all before the one transaction commits. A failed commit puts the old secret back.
 */
public final class SecretRotator implements SecretRotation {

    static final int SECRET_BYTES = 48;

    private final SecretKeys secrets;
    private final SecretStore store;
    private final List<SecretBoundState> bound;
    private final AuditTrail audit;
    private final Transactions transactions;

    public SecretRotator(SecretKeys secrets, SecretStore store, List<SecretBoundState> bound, AuditTrail audit,
                         Transactions transactions) {
        this.secrets = secrets;
        this.store = store;
        this.bound = List.copyOf(bound);
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public RotationPlan plan() {
        store.checkReplaceable();
        return new RotationPlan(secrets.current().keyId(), List.of(
                "every agent credential stops working: each agent needs a new token and hmac_secret",
                "every user session ends: everyone signs in again",
                "pending setup tokens and API tokens stop working",
                "the old secret moves to Z4J_PREVIOUS_SECRETS, kept only to verify the audit rows it signed",
                "a brain that is running elsewhere on this database must be restarted to use the new secret"));
    }

    @Override
    public RotationResult rotate(String operator) {
        store.checkReplaceable();
        Secret old = secrets.current();
        Secret next = Secret.ofText(RandomTokens.urlSafe(SECRET_BYTES));
        SecretStore.Replacement[] replaced = new SecretStore.Replacement[1];
        try {
            return transactions.inTransaction(() -> {
                AuditRecord row = audit.record(AuditEntry.of(Actor.cli(operator), ChainActions.SECRET_ROTATED, "system",
                        "Z4J_SECRET").withMetadata(Map.of(ChainActions.OLD_KEY_ID, old.keyId(),
                        ChainActions.NEW_KEY_ID, next.keyId())));
                Map<String, Long> invalidated = new LinkedHashMap<>();
                for (SecretBoundState state : bound) {
                    invalidated.put(state.description(), state.invalidate());
                }
                replaced[0] = store.replace(next);
                return new RotationResult(old.keyId(), next.keyId(), row.seq(), invalidated);
            });
        } catch (RuntimeException e) {
            if (replaced[0] != null) {
                replaced[0].undo();
            }
            throw e;
        }
    }
}
