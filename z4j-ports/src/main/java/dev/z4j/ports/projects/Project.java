package dev.z4j.ports.projects;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A tenant of the brain. Archived ({@code active == false}) projects keep their history and are hidden. */
public record Project(UUID id, ProjectSlug slug, String name, Optional<String> description, String environment,
                      String timezone, int retentionDays, boolean active, Instant createdAt, Instant updatedAt) {

    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1 to 200 characters");
        }
        if (retentionDays < 1 || retentionDays > 3650) {
            throw new IllegalArgumentException("retention days must be between 1 and 3650");
        }
    }
}
