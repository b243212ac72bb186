package dev.z4j.ports.projects;

import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.ProjectRole;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * In-port: may this caller do this in that project (or on the installation). Every route that is not served by an
 * in-port that authorizes by itself asks here first; the answer comes from the one authorization policy.
 */
public interface ProjectAccess {

    /**
     * @throws dev.z4j.ports.support.Refusal UNAUTHENTICATED (nobody signed in), NOT_FOUND (unknown, archived, or not a
     *         member: indistinguishable), FORBIDDEN with {@code have} and {@code need}
     */
    Grant authorize(Caller caller, String slug, Action action);

    /**
     * The same gate for an installation action (not inside a project), such as reading the system health.
     *
     * @throws dev.z4j.ports.support.Refusal UNAUTHENTICATED or FORBIDDEN
     */
    void require(Caller caller, Action action);

    /**
     * The installation actions this caller may take, by the same policy as {@link #require}: for showing only the
     * controls a caller may use (the routes behind them still authorize).
     */
    Set<Action> permitted(Caller caller);

    /**
     * @param role      the caller's membership role; empty for owners without a membership, agents and the CLI
     * @param permitted every project action the caller may take in this project, by the same policy: for showing
     *                  only the controls a caller may use (the routes behind them still authorize)
     */
    record Grant(Project project, Optional<ProjectRole> role, Set<Action> permitted) {
        public Grant {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(role, "role");
            permitted = Set.copyOf(permitted);
        }

        public boolean permits(Action action) {
            return permitted.contains(action);
        }
    }
}
