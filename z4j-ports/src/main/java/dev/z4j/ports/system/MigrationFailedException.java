package dev.z4j.ports.system;

import java.util.Optional;

/**
 * A migration could not be applied. Pending migrations are applied in one transaction, so the schema is as it was
 * before the attempt.
 *
 * @see Migrations
 */
public final class MigrationFailedException extends RuntimeException {

    private final Optional<String> version;

    /**
     * @param version the version that failed, when known (a validation failure names none)
     * @param message one line: which migration failed and why
     */
    public MigrationFailedException(Optional<String> version, String message, Throwable cause) {
        super(message, cause, false, false);
        this.version = version;
    }

    public Optional<String> version() {
        return version;
    }
}
