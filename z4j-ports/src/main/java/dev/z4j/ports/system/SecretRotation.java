package dev.z4j.ports.system;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * In-port: replace {@code Z4J_SECRET} ({@code z4j rotate-secret}). The old secret is kept only to verify the audit
 * rows it signed.
 */
public interface SecretRotation {

    /**
     * What a rotation would do, for the operator to confirm.
     *
     * @throws IllegalStateException naming why the secret cannot be rotated here (set outside secret.env, a brain
     *                               running on this home)
     */
    RotationPlan plan();

    /**
     * Mints the new secret; in one transaction records {@code system.secret_rotated} (signed by the old key, actor
     * {@code cli} {@code operator}), invalidates everything bound to the old secret and makes the new one current in
     * the secret store. Rotation is an operator action on the brain's host, hence a CLI actor.
     *
     * @param operator the OS user who ran it, when known
     */
    RotationResult rotate(String operator);

    /** @param consequences what the rotation invalidates or changes, one operator-readable sentence each */
    record RotationPlan(String currentKeyId, List<String> consequences) {
        public RotationPlan {
            Objects.requireNonNull(currentKeyId, "currentKeyId");
            consequences = List.copyOf(consequences);
        }
    }

    /** @param invalidated how many items of each kind were invalidated (e.g. "pending setup tokens" -> 1) */
    record RotationResult(String oldKeyId, String newKeyId, long auditSeq, Map<String, Long> invalidated) {
        public RotationResult {
            Objects.requireNonNull(oldKeyId, "oldKeyId");
            Objects.requireNonNull(newKeyId, "newKeyId");
            invalidated = Map.copyOf(invalidated);
        }
    }
}
