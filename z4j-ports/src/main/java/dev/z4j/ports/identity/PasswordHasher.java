package dev.z4j.ports.identity;

/**
 * Out-port: slow password hashing (Argon2id, PHC strings). Implementations bound how many hashes run at once, so
 * sign-ins cannot starve the rest of the brain; when saturated for too long they refuse with {@code BUSY}.
 */
public interface PasswordHasher {

    /** A PHC string with the configured parameters and a fresh random salt. */
    String hash(String password);

    /**
     * Checks {@code password} against {@code storedHash}, with the parameters read from the stored hash. Never throws
     * for a corrupt or foreign hash: that is simply no match.
     */
    Verification verify(String password, String storedHash);

    /**
     * @param needsRehash the stored hash's parameters differ from the configured ones (or it cannot be parsed)
     */
    record Verification(boolean matches, boolean needsRehash) {
    }
}
