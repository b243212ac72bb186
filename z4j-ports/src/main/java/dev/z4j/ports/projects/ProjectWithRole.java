package dev.z4j.ports.projects;

import dev.z4j.ports.identity.ProjectRole;
import java.util.Objects;

/** A project and someone's role in it. */
public record ProjectWithRole(Project project, ProjectRole role) {
    public ProjectWithRole {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(role, "role");
    }
}
