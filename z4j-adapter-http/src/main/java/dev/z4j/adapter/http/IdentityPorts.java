package dev.z4j.adapter.http;

import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.Projects;
import java.util.Objects;

/** The in-ports behind the identity, setup, user, project and membership routes. */
public record IdentityPorts(Authentication authentication, Accounts accounts, FirstBoot firstBoot,
                            UserAdministration users, Projects projects, ProjectAccess access,
                            Memberships memberships) {
    public IdentityPorts {
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(firstBoot, "firstBoot");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(memberships, "memberships");
    }
}
