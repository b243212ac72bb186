package dev.z4j.domain.projects;

import dev.z4j.domain.support.Timestamps;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserStore;
import dev.z4j.ports.projects.Member;
import dev.z4j.ports.projects.Membership;
import dev.z4j.ports.projects.MembershipStore;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is in a project, managed by its admins and by owners. A project keeps at least one admin among its active
 * members: demoting or removing the last one is refused ({@code last_admin}), counted with the rows locked so two
 * concurrent changes cannot both pass.
 */
public final class ProjectMembers implements Memberships {

    private final ProjectAccess access;
    private final MembershipStore memberships;
    private final UserStore users;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public ProjectMembers(ProjectAccess access, MembershipStore memberships, UserStore users, AuditTrail audit,
                          Transactions transactions, Clock clock) {
        this.access = access;
        this.memberships = memberships;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<Member> list(Caller caller, String slug) {
        UUID project = access.authorize(caller, slug, Action.MEMBERS_VIEW).project().id();
        return memberships.listForProject(project);
    }

    @Override
    public Member grant(Caller caller, String slug, UserRef ref, ProjectRole role) {
        return transactions.inTransaction(() -> {
            UUID project = access.authorize(caller, slug, Action.MEMBERS_MANAGE).project().id();
            User user = (ref.id().isPresent() ? users.findById(ref.id().get())
                    : users.findByEmail(EmailAddress.parse(ref.email().orElseThrow())))
                    .filter(User::active)
                    .orElseThrow(() -> Refusal.notFound("user_not_found", "user not found or inactive"));
            if (memberships.find(user.id(), project).isPresent()) {
                throw alreadyMember();
            }
            Instant now = Timestamps.now(clock);
            Membership membership = new Membership(UUID.randomUUID(), user.id(), project, role, now, now);
            try {
                memberships.insert(membership);
            } catch (MembershipStore.DuplicateMembershipException e) {
                throw alreadyMember();
            }
            audit.record(caller.audit("membership.granted", "membership", membership.id().toString())
                    .withProject(project).withMetadata(Map.of("user_id", user.id().toString(),
                            "email", user.email().value(), "role", role.wire())));
            return new Member(membership, user.email(), user.displayName());
        });
    }

    @Override
    public Member change(Caller caller, String slug, UUID membershipId, ProjectRole role) {
        return transactions.inTransaction(() -> {
            UUID project = access.authorize(caller, slug, Action.MEMBERS_MANAGE).project().id();
            Membership membership = find(project, membershipId);
            User user = users.findById(membership.userId()).orElseThrow(ProjectMembers::notFound);
            if (membership.role() == role) {
                return new Member(membership, user.email(), user.displayName());
            }
            if (membership.role() == ProjectRole.ADMIN) {
                guardLastAdmin(project, user, "demote");
            }
            Instant now = Timestamps.now(clock);
            memberships.updateRole(membershipId, role, now);
            audit.record(caller.audit("membership.updated", "membership", membershipId.toString())
                    .withProject(project).withMetadata(Map.of("user_id", user.id().toString(),
                            "from", membership.role().wire(), "role", role.wire())));
            return new Member(new Membership(membership.id(), membership.userId(), project, role,
                    membership.createdAt(), now), user.email(), user.displayName());
        });
    }

    @Override
    public void revoke(Caller caller, String slug, UUID membershipId) {
        transactions.inTransaction(() -> {
            UUID project = access.authorize(caller, slug, Action.MEMBERS_MANAGE).project().id();
            Membership membership = find(project, membershipId);
            User user = users.findById(membership.userId()).orElseThrow(ProjectMembers::notFound);
            if (membership.role() == ProjectRole.ADMIN) {
                guardLastAdmin(project, user, "remove");
            }
            memberships.delete(membershipId);
            audit.record(caller.audit("membership.revoked", "membership", membershipId.toString())
                    .withProject(project).withMetadata(Map.of("user_id", user.id().toString(),
                            "role", membership.role().wire())));
        });
    }

    private Membership find(UUID project, UUID membershipId) {
        return memberships.findById(membershipId).filter(m -> m.projectId().equals(project))
                .orElseThrow(ProjectMembers::notFound);
    }

    private void guardLastAdmin(UUID project, User user, String verb) {
        if (user.active() && memberships.countActiveAdminsForUpdate(project) <= 1) {
            throw Refusal.conflict("last_admin", "cannot " + verb + " the last admin of this project; make another "
                    + "member an admin first");
        }
    }

    private static Refusal notFound() {
        return Refusal.notFound("membership_not_found", "membership not found");
    }

    private static Refusal alreadyMember() {
        return Refusal.conflict("already_member", "the user is already a member of this project");
    }
}
