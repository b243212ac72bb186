package dev.z4j.ports.projects;

import dev.z4j.ports.identity.ProjectRole;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Out-port: memberships of users in projects. */
public interface MembershipStore {

    /** @throws DuplicateMembershipException when the user is already a member of the project */
    void insert(Membership membership);

    Optional<Membership> findById(UUID id);

    Optional<Membership> find(UUID userId, UUID projectId);

    /** The project's members with their email and display name, by email. */
    List<Member> listForProject(UUID projectId);

    /** The active projects the user is a member of, with the role, by slug. */
    List<ProjectWithRole> listForUser(UUID userId);

    void updateRole(UUID id, ProjectRole role, Instant at);

    boolean delete(UUID id);

    /**
     * Admin memberships of active users in the project, counted inside the caller's transaction with the rows locked
     * (PostgreSQL) so that two concurrent demotions cannot remove the last admin.
     */
    int countActiveAdminsForUpdate(UUID projectId);

    final class DuplicateMembershipException extends RuntimeException {
        public DuplicateMembershipException() {
            super("the user is already a member of this project", null, false, false);
        }
    }
}
