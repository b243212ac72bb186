package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A person who signs in. The email never changes after creation (it is the identity the audit trail names);
 * {@code passwordChangedAt} kills every session issued before it.
 */
public record User(UUID id, EmailAddress email, String displayName, boolean owner, boolean active,
                   Instant passwordChangedAt, Optional<Instant> lastLoginAt, Instant createdAt, Instant updatedAt) {

    public static final int MAX_DISPLAY_NAME = 200;

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        requireDisplayName(displayName);
        Objects.requireNonNull(passwordChangedAt, "passwordChangedAt");
        Objects.requireNonNull(lastLoginAt, "lastLoginAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @throws IllegalArgumentException when blank or longer than {@value #MAX_DISPLAY_NAME} characters */
    public static String requireDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME) {
            throw new IllegalArgumentException("display name must be 1 to " + MAX_DISPLAY_NAME + " characters");
        }
        return displayName;
    }

    public User withOwner(boolean newOwner, Instant now) {
        return new User(id, email, displayName, newOwner, active, passwordChangedAt, lastLoginAt, createdAt, now);
    }

    public User withActive(boolean newActive, Instant now) {
        return new User(id, email, displayName, owner, newActive, passwordChangedAt, lastLoginAt, createdAt, now);
    }

    public User withDisplayName(String newName, Instant now) {
        return new User(id, email, newName, owner, active, passwordChangedAt, lastLoginAt, createdAt, now);
    }
}
