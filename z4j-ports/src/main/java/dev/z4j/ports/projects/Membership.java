package dev.z4j.ports.projects;

import dev.z4j.ports.identity.ProjectRole;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A user's role in one project. */
public record Membership(UUID id, UUID userId, UUID projectId, ProjectRole role, Instant createdAt,
                         Instant updatedAt) {
    public Membership {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
