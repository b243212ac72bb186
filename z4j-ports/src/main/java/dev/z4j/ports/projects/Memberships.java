package dev.z4j.ports.projects;

import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.ProjectRole;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * In-port: project admins (and owners) manage who is in a project with which role. The last admin of a project cannot
 * be demoted or removed ({@code CONFLICT last_admin}).
 */
public interface Memberships {

    List<Member> list(Caller caller, String slug);

    /** Adds an active user, named by id or by email, with a role. */
    Member grant(Caller caller, String slug, UserRef user, ProjectRole role);

    Member change(Caller caller, String slug, UUID membershipId, ProjectRole role);

    void revoke(Caller caller, String slug, UUID membershipId);

    /** Exactly one of the two is present. */
    record UserRef(Optional<UUID> id, Optional<String> email) {
        public UserRef {
            if (id.isPresent() == email.isPresent()) {
                throw new IllegalArgumentException("name the user by id or by email");
            }
        }
    }
}
