package dev.z4j.domain.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.identity.AccessDecision;
import dev.z4j.ports.identity.AccessDecision.Denial;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy as a table: every principal kind against every action, in, outside and without a project. */
class AccessPolicyTest {

    private static final UUID PROJECT = UUID.randomUUID();
    private static final UUID OTHER_PROJECT = UUID.randomUUID();
    private static final Principal OWNER = new Principal.User(UUID.randomUUID(), true, UUID.randomUUID());
    private static final Principal USER = new Principal.User(UUID.randomUUID(), false, UUID.randomUUID());
    private static final Principal AGENT = new Principal.Agent(UUID.randomUUID(), PROJECT);

    /** SPEC §5: what an agent token may do in its own project. */
    private static final Set<Action> AGENT_ACTIONS = EnumSet.of(Action.TASKS_VIEW, Action.ENGINE_VIEW,
            Action.TASKS_OPERATE, Action.SCHEDULES_OPERATE, Action.SCHEDULES_MANAGE);

    private static AccessDecision inProject(Principal p, Optional<ProjectRole> role, Action action) {
        return AccessPolicy.decide(p, Optional.of(new AccessPolicy.Standing(PROJECT, role)), action);
    }

    static Stream<Arguments> projectActions() {
        return Stream.of(Action.values()).filter(a -> a.scope() == Action.Scope.PROJECT).map(Arguments::of);
    }

    static Stream<Arguments> installationActions() {
        return Stream.of(Action.values()).filter(a -> a.scope() == Action.Scope.INSTALLATION).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("projectActions")
    void members_need_the_actions_minimum_role_and_get_have_and_need_when_short(Action action) {
        for (ProjectRole role : ProjectRole.values()) {
            AccessDecision decision = inProject(USER, Optional.of(role), action);
            boolean expected = !action.ownersOnly() && role.atLeast(action.minimumRole().orElseThrow());
            assertThat(decision.allowed()).as(role + " " + action).isEqualTo(expected);
            if (!expected) {
                assertThat(decision.denial()).contains(Denial.FORBIDDEN);
                assertThat(decision.have()).contains(role.wire());
                assertThat(decision.need()).contains(action.ownersOnly() ? "owner"
                        : action.minimumRole().orElseThrow().wire());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("projectActions")
    void non_members_and_unknown_projects_get_the_same_not_found(Action action) {
        AccessDecision nonMember = inProject(USER, Optional.empty(), action);
        AccessDecision unknown = AccessPolicy.decide(USER, Optional.empty(), action);
        assertThat(nonMember.denial()).contains(Denial.NOT_FOUND);
        assertThat(unknown.denial()).contains(Denial.NOT_FOUND);
        assertThat(nonMember.have()).isEmpty();
        assertThat(nonMember.need()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("projectActions")
    void owners_may_do_everything_in_any_existing_project_without_a_membership(Action action) {
        assertThat(inProject(OWNER, Optional.empty(), action).allowed()).isTrue();
        assertThat(AccessPolicy.decide(OWNER, Optional.empty(), action).denial()).contains(Denial.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("installationActions")
    void installation_actions_are_for_signed_in_users_and_owner_only_ones_for_owners(Action action) {
        assertThat(AccessPolicy.decide(OWNER, Optional.empty(), action).allowed()).isTrue();
        AccessDecision user = AccessPolicy.decide(USER, Optional.empty(), action);
        assertThat(user.allowed()).isEqualTo(!action.ownersOnly());
        if (action.ownersOnly()) {
            assertThat(user.have()).contains("user");
            assertThat(user.need()).contains("owner");
        }
    }

    @ParameterizedTest
    @MethodSource("projectActions")
    void agent_tokens_hold_only_the_spec_grants_and_only_in_their_own_project(Action action) {
        AccessDecision own = AccessPolicy.decide(AGENT, Optional.of(new AccessPolicy.Standing(PROJECT,
                Optional.empty())), action);
        AccessDecision other = AccessPolicy.decide(AGENT, Optional.of(new AccessPolicy.Standing(OTHER_PROJECT,
                Optional.empty())), action);
        assertThat(own.allowed()).as(action.name()).isEqualTo(AGENT_ACTIONS.contains(action));
        if (!own.allowed()) {
            assertThat(own.denial()).contains(Denial.FORBIDDEN);
            assertThat(own.have()).contains("agent");
        }
        assertThat(other.denial()).as("another project is invisible").contains(Denial.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("installationActions")
    void agent_tokens_never_reach_users_projects_or_the_installation(Action action) {
        AccessDecision decision = AccessPolicy.decide(AGENT, Optional.empty(), action);
        assertThat(decision.denial()).contains(Denial.FORBIDDEN);
    }

    @Test
    void agent_tokens_never_mint_agents_manage_members_or_read_the_audit_log() {
        for (Action action : List.of(Action.AGENTS_MANAGE, Action.MEMBERS_VIEW, Action.MEMBERS_MANAGE,
                Action.AUDIT_VIEW, Action.PROJECT_MANAGE, Action.PROJECTS_CREATE, Action.USERS_MANAGE)) {
            assertThat(inProject(AGENT, Optional.empty(), action).allowed()).as(action.name()).isFalse();
        }
    }

    @Test
    void nobody_signed_in_is_unauthenticated_for_everything_and_the_cli_may_do_everything() {
        List<Action> all = new ArrayList<>(List.of(Action.values()));
        for (Action action : all) {
            assertThat(inProject(new Principal.Anonymous(), Optional.empty(), action).denial())
                    .contains(Denial.UNAUTHENTICATED);
            assertThat(AccessPolicy.decide(new Principal.Anonymous(), Optional.empty(), action).denial())
                    .contains(Denial.UNAUTHENTICATED);
            assertThat(inProject(new Principal.Cli(Optional.of("root")), Optional.empty(), action).allowed()).isTrue();
            assertThat(inProject(new Principal.Brain(), Optional.empty(), action).allowed()).isTrue();
            if (action.scope() == Action.Scope.PROJECT) {
                assertThat(AccessPolicy.decide(new Principal.Cli(Optional.empty()), Optional.empty(), action).denial())
                        .as("an unknown project is unknown to the CLI too").contains(Denial.NOT_FOUND);
            }
        }
    }

    @Test
    void the_role_ladder_is_viewer_operator_admin() {
        assertThat(inProject(USER, Optional.of(ProjectRole.VIEWER), Action.TASKS_VIEW).allowed()).isTrue();
        assertThat(inProject(USER, Optional.of(ProjectRole.VIEWER), Action.TASKS_OPERATE).need()).contains("operator");
        assertThat(inProject(USER, Optional.of(ProjectRole.OPERATOR), Action.TASKS_OPERATE).allowed()).isTrue();
        assertThat(inProject(USER, Optional.of(ProjectRole.OPERATOR), Action.MEMBERS_MANAGE).need()).contains("admin");
        assertThat(inProject(USER, Optional.of(ProjectRole.ADMIN), Action.MEMBERS_MANAGE).allowed()).isTrue();
        assertThat(inProject(USER, Optional.of(ProjectRole.ADMIN), Action.PROJECT_MANAGE).need()).contains("owner");
    }
}
