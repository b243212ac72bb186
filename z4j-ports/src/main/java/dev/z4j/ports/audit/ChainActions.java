package dev.z4j.ports.audit;

/** Actions the chain itself interprets during verification, shared by the features that write them. */
public final class ChainActions {

    /** Written by {@code z4j rotate-secret} under the old key; metadata {@link #NEW_KEY_ID} announces the next key. */
    public static final String SECRET_ROTATED = "system.secret_rotated";
    public static final String NEW_KEY_ID = "new_key_id";
    public static final String OLD_KEY_ID = "old_key_id";

    /** The retention anchor, written before rows are pruned (docs/audit.md). */
    public static final String PRUNED = "audit.pruned";

    private ChainActions() {
    }
}
