package dev.z4j.domain.projects;

import static dev.z4j.domain.testing.IdentityFixture.refusal;
import static dev.z4j.domain.testing.IdentityFixture.CLI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.testing.IdentityFixture;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.projects.Member;
import dev.z4j.ports.projects.Memberships.UserRef;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.Projects.NewProject;
import dev.z4j.ports.projects.Projects.ProjectChanges;
import dev.z4j.ports.support.Refusal;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectsAndMembersTest {

    private final IdentityFixture f = new IdentityFixture();

    private static ProjectChanges archiveFlag(boolean active) {
        return new ProjectChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(active));
    }

    @Test
    void a_non_member_cannot_tell_a_project_exists() {
        f.user("owner@example.test", true);
        f.user("ann@example.test", false);
        f.project("secret-ops");
        Caller ann = f.as(f.login("ann@example.test"));
        Refusal existing = refusal(() -> f.projects.get(ann, "secret-ops"));
        Refusal missing = refusal(() -> f.projects.get(ann, "no-such-project"));
        Refusal malformed = refusal(() -> f.projects.get(ann, "Not A Slug"));
        assertThat(existing.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(missing.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(malformed.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(existing.details()).isEqualTo(missing.details());
    }

    @Test
    void a_member_below_the_needed_role_is_forbidden_with_have_and_need() {
        User ann = f.user("ann@example.test", false);
        Project ops = f.project("ops");
        f.member(ann, ops, ProjectRole.VIEWER);
        Caller viewer = f.as(f.login("ann@example.test"));
        assertThat(f.projects.authorize(viewer, "ops", Action.TASKS_VIEW).role()).contains(ProjectRole.VIEWER);
        Refusal r = refusal(() -> f.members.list(viewer, "ops"));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(r.details()).containsEntry("have", "viewer").containsEntry("need", "admin");
    }

    @Test
    void a_grant_lists_exactly_what_the_policy_allows_so_pages_show_only_usable_controls() {
        User ann = f.user("ann@example.test", false);
        f.user("owner@example.test", true);
        Project ops = f.project("ops");
        f.member(ann, ops, ProjectRole.OPERATOR);
        Caller operator = f.as(f.login("ann@example.test"));
        Caller owner = f.as(f.login("owner@example.test"));

        ProjectAccess.Grant grant = f.projects.authorize(operator, "ops", Action.PROJECT_VIEW);
        assertThat(grant.permits(Action.TASKS_OPERATE)).isTrue();
        assertThat(grant.permits(Action.AGENTS_MANAGE)).isFalse();
        assertThat(grant.permits(Action.AUDIT_VIEW)).isFalse();
        assertThat(grant.permitted()).allMatch(a -> a.scope() == Action.Scope.PROJECT);
        assertThat(f.projects.authorize(owner, "ops", Action.PROJECT_VIEW).permitted())
                .containsAll(java.util.EnumSet.of(Action.AGENTS_MANAGE, Action.AUDIT_VIEW, Action.PROJECT_MANAGE));

        assertThat(f.projects.permitted(operator)).contains(Action.SYSTEM_VIEW, Action.ACCOUNT_SELF)
                .doesNotContain(Action.USERS_MANAGE, Action.AUDIT_VIEW_ALL, Action.AUDIT_VERIFY);
        assertThat(f.projects.permitted(owner)).contains(Action.USERS_MANAGE, Action.AUDIT_VIEW_ALL,
                Action.AUDIT_VERIFY).allMatch(a -> a.scope() == Action.Scope.INSTALLATION);
        assertThat(f.projects.permitted(IdentityFixture.anonymous("192.0.2.1"))).isEmpty();
    }

    @Test
    void an_agent_principal_acts_only_in_its_own_project() {
        Project ops = f.project("ops");
        f.project("billing");
        Caller agent = new Caller(new Principal.Agent(UUID.randomUUID(), ops.id()), Optional.empty(), Optional.empty());
        assertThat(f.projects.authorize(agent, "ops", Action.TASKS_OPERATE).project().id()).isEqualTo(ops.id());
        assertThat(refusal(() -> f.projects.authorize(agent, "billing", Action.TASKS_VIEW)).kind())
                .isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(refusal(() -> f.projects.authorize(agent, "ops", Action.AGENTS_MANAGE)).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(refusal(() -> f.members.list(agent, "ops")).kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
    }

    @Test
    void the_last_admin_of_a_project_cannot_be_demoted_or_removed() {
        User ann = f.user("ann@example.test", false);
        User bob = f.user("bob@example.test", false);
        Project ops = f.project("ops");
        f.member(ann, ops, ProjectRole.ADMIN);
        Member annMember = f.members.list(CLI, "ops").stream()
                .filter(m -> m.membership().userId().equals(ann.id())).findFirst().orElseThrow();
        Caller asAnn = f.as(f.login("ann@example.test"));

        assertThat(refusal(() -> f.members.change(asAnn, "ops", annMember.membership().id(), ProjectRole.VIEWER))
                .reason()).isEqualTo("last_admin");
        assertThat(refusal(() -> f.members.revoke(asAnn, "ops", annMember.membership().id())).reason())
                .isEqualTo("last_admin");

        Member bobMember = f.members.grant(asAnn, "ops", new UserRef(Optional.empty(), Optional.of("BOB@example.test")),
                ProjectRole.ADMIN);
        f.members.change(asAnn, "ops", annMember.membership().id(), ProjectRole.OPERATOR);
        assertThat(f.audit.last("membership.updated").metadata()).containsEntry("from", "admin")
                .containsEntry("role", "operator");
        assertThat(bobMember.email().value()).isEqualTo("bob@example.test");
        assertThat(bob.id()).isEqualTo(bobMember.membership().userId());
    }

    @Test
    void memberships_of_another_project_are_not_found_and_duplicates_conflict() {
        User ann = f.user("ann@example.test", false);
        Project ops = f.project("ops");
        f.project("billing");
        f.member(ann, ops, ProjectRole.VIEWER);
        UUID annInOps = f.members.list(CLI, "ops").get(0).membership().id();
        assertThat(refusal(() -> f.members.revoke(CLI, "billing", annInOps)).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(refusal(() -> f.member(ann, ops, ProjectRole.ADMIN)).reason()).isEqualTo("already_member");
        assertThat(refusal(() -> f.members.grant(CLI, "ops", new UserRef(Optional.of(UUID.randomUUID()),
                Optional.empty()), ProjectRole.VIEWER)).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
    }

    @Test
    void owners_create_projects_and_become_their_admin_while_others_may_not() {
        f.user("owner@example.test", true);
        f.user("ann@example.test", false);
        Caller owner = f.as(f.login("owner@example.test"));
        Project ops = f.projects.create(owner, new NewProject("ops", "Operations", Optional.of("the ops team"),
                Optional.of("staging"), Optional.of("Europe/Berlin"), Optional.of(14)));
        assertThat(ops.environment()).isEqualTo("staging");
        assertThat(f.members.list(owner, "ops")).extracting(m -> m.email().value() + ":" + m.membership().role().wire())
                .containsExactly("owner@example.test:admin");

        Caller ann = f.as(f.login("ann@example.test"));
        Refusal r = refusal(() -> f.projects.create(ann, new NewProject("mine", "Mine", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(refusal(() -> f.projects.create(owner, new NewProject("ops", "Again", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).reason()).isEqualTo("slug_taken");
        assertThat(refusal(() -> f.projects.create(owner, new NewProject("Bad Slug", "x", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))).reason()).isEqualTo("invalid_slug");
        assertThat(refusal(() -> f.projects.create(owner, new NewProject("tz", "x", Optional.empty(),
                Optional.empty(), Optional.of("Mars/Olympus"), Optional.empty()))).reason()).isEqualTo("invalid_timezone");
    }

    @Test
    void archiving_hides_a_project_keeps_the_last_one_and_owners_can_restore_it() {
        f.project("ops");
        f.project("billing");
        f.projects.archive(CLI, "billing");
        assertThat(f.projects.list(CLI)).extracting(p -> p.project().slug().value()).containsExactly("ops");
        assertThat(refusal(() -> f.projects.get(CLI, "billing")).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(refusal(() -> f.projects.archive(CLI, "ops")).reason()).isEqualTo("last_project");
        f.projects.update(CLI, "billing", archiveFlag(true));
        assertThat(f.projects.list(CLI)).hasSize(2);
    }

    @Test
    void a_project_can_be_renamed_and_reslugged_with_the_change_audited() {
        f.project("ops");
        f.projects.update(CLI, "ops", new ProjectChanges(Optional.of("operations"), Optional.of("Operations"),
                Optional.of("desc"), Optional.empty(), Optional.empty(), Optional.of(90), Optional.empty()));
        Project renamed = f.projects.get(CLI, "operations");
        assertThat(renamed.name()).isEqualTo("Operations");
        assertThat(renamed.retentionDays()).isEqualTo(90);
        assertThat(f.audit.last("project.updated").metadata().get("changed").toString())
                .contains("slug", "name", "description", "retention_days");
    }
}
