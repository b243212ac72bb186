package dev.z4j.domain.support;

import dev.z4j.ports.identity.AccessDecision;
import dev.z4j.ports.identity.AccessDecision.Denial;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one authorization policy: a pure function of who asks, their standing in the target project, and the action.
 *
 * <ul>
 *   <li>Nobody signed in: denied, {@code UNAUTHENTICATED}.</li>
 *   <li>A project action on a project that does not exist (or is archived): {@code NOT_FOUND}, for everyone.</li>
 *   <li>The operator CLI and the brain itself: allowed (they act on the database with the host's authority).</li>
 *   <li>Owners: everything.</li>
 *   <li>Other users: installation actions unless owner-only; in a project, {@code NOT_FOUND} when the project is
 *       unknown or they are not a member (indistinguishable), {@code FORBIDDEN} with have/need when the role is too
 *       low or the action is owner-only.</li>
 *   <li>Agent tokens: only the agent actions of SPEC §5, only in their own project; another project is
 *       {@code NOT_FOUND}, anything else {@code FORBIDDEN}.</li>
 * </ul>
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /**
     * The principal's relation to the target project.
     *
     * @param role the principal's membership role, when it is a user with a membership
     */
    public record Standing(UUID projectId, Optional<ProjectRole> role) {
        public Standing {
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * @param project the target project when the action is a project action and the project exists and is active;
     *                empty for installation actions, and for unknown or archived projects
     */
    public static AccessDecision decide(Principal principal, Optional<Standing> project, Action action) {
        if (principal instanceof Principal.Anonymous) {
            return AccessDecision.deny(Denial.UNAUTHENTICATED, "authentication_required");
        }
        if (action.scope() == Action.Scope.PROJECT && project.isEmpty()) {
            return AccessDecision.deny(Denial.NOT_FOUND, "project_not_found");
        }
        if (principal instanceof Principal.Cli || principal instanceof Principal.Brain) {
            return AccessDecision.allow("operator");
        }
        if (principal instanceof Principal.Agent agent) {
            return decideForAgent(agent, project, action);
        }
        return decideForUser((Principal.User) principal, project, action);
    }

    /**
     * Every action of {@code scope} the policy allows this principal with this standing: what pages use to show only
     * the controls a caller may use.
     */
    public static Set<Action> permitted(Principal principal, Optional<Standing> project, Action.Scope scope) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action candidate : Action.values()) {
            if (candidate.scope() == scope && decide(principal, project, candidate).allowed()) {
                allowed.add(candidate);
            }
        }
        return allowed;
    }

    private static AccessDecision decideForUser(Principal.User user, Optional<Standing> project, Action action) {
        if (action.scope() == Action.Scope.INSTALLATION) {
            if (action.ownersOnly() && !user.owner()) {
                return AccessDecision.forbidden("owner_required", "user", "owner");
            }
            return AccessDecision.allow(user.owner() ? "owner" : "signed_in");
        }
        if (user.owner()) {
            return AccessDecision.allow("owner");
        }
        Optional<ProjectRole> role = project.get().role();
        if (role.isEmpty()) {
            return AccessDecision.deny(Denial.NOT_FOUND, "not_a_member");
        }
        if (action.ownersOnly()) {
            return AccessDecision.forbidden("owner_required", role.get().wire(), "owner");
        }
        ProjectRole needed = action.minimumRole().orElseThrow();
        if (!role.get().atLeast(needed)) {
            return AccessDecision.forbidden("role_too_low", role.get().wire(), needed.wire());
        }
        return AccessDecision.allow("member");
    }

    private static AccessDecision decideForAgent(Principal.Agent agent, Optional<Standing> project, Action action) {
        if (action.scope() == Action.Scope.PROJECT && !project.orElseThrow().projectId().equals(agent.projectId())) {
            return AccessDecision.deny(Denial.NOT_FOUND, "project_not_found");
        }
        if (!action.grantedToAgents()) {
            String need = action.ownersOnly() ? "owner" : action.minimumRole().map(ProjectRole::wire).orElse("user");
            return AccessDecision.forbidden("agent_not_permitted", "agent", need);
        }
        return AccessDecision.allow("agent");
    }
}
