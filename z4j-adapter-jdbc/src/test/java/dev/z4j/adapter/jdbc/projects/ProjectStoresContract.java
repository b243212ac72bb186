package dev.z4j.adapter.jdbc.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.identity.JdbcUserStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.projects.Membership;
import dev.z4j.ports.projects.MembershipStore;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.projects.ProjectStore;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ProjectStore} and {@link MembershipStore} out-ports on each real database. */
abstract class ProjectStoresContract {

    static final Instant T0 = Instant.parse("2026-06-01T12:00:00.654321Z");

    Database database;
    ProjectStore projects;
    MembershipStore memberships;
    JdbcUserStore users;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        projects = new JdbcProjectStore(database);
        memberships = new JdbcMembershipStore(database);
        users = new JdbcUserStore(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    static Project project(String slug, boolean active) {
        return new Project(UUID.randomUUID(), new ProjectSlug(slug), "Project " + slug, Optional.of("about " + slug),
                "production", "Europe/Berlin", 30, active, T0, T0);
    }

    User user(String email, boolean active) {
        User u = new User(UUID.randomUUID(), EmailAddress.parse(email), "Name " + email, false, active, T0,
                Optional.empty(), T0, T0);
        users.insert(u, "h");
        return u;
    }

    Membership member(User user, Project project, ProjectRole role) {
        Membership m = new Membership(UUID.randomUUID(), user.id(), project.id(), role, T0, T0);
        memberships.insert(m);
        return m;
    }

    @Test
    void a_project_round_trips_and_slugs_are_unique_including_archived_ones() {
        Project ops = project("ops", true);
        projects.insert(ops);
        assertThat(projects.findBySlug(new ProjectSlug("ops"))).contains(ops);
        assertThat(projects.findById(ops.id())).contains(ops);
        projects.insert(project("old", false));
        assertThatThrownBy(() -> projects.insert(project("old", true)))
                .isInstanceOf(ProjectStore.DuplicateSlugException.class);
        assertThat(projects.listActive(10)).containsExactly(ops);
        assertThat(projects.countActive()).isEqualTo(1);
    }

    @Test
    void update_writes_every_field_and_refuses_a_taken_slug() {
        Project ops = project("ops", true);
        projects.insert(ops);
        projects.insert(project("billing", true));
        Project renamed = new Project(ops.id(), new ProjectSlug("operations"), "Operations", Optional.empty(),
                "staging", "UTC", 90, false, ops.createdAt(), T0.plusSeconds(5));
        projects.update(renamed);
        assertThat(projects.findById(ops.id())).contains(renamed);
        Project clash = new Project(ops.id(), new ProjectSlug("billing"), "x", Optional.empty(), "production", "UTC",
                30, true, T0, T0);
        assertThatThrownBy(() -> projects.update(clash)).isInstanceOf(ProjectStore.DuplicateSlugException.class);
    }

    @Test
    void memberships_are_unique_per_user_and_project_and_list_with_the_users_email() {
        Project ops = project("ops", true);
        projects.insert(ops);
        User ann = user("ann@example.test", true);
        Membership m = member(ann, ops, ProjectRole.OPERATOR);
        assertThat(memberships.findById(m.id())).contains(m);
        assertThat(memberships.find(ann.id(), ops.id())).contains(m);
        assertThatThrownBy(() -> member(ann, ops, ProjectRole.ADMIN))
                .isInstanceOf(MembershipStore.DuplicateMembershipException.class);
        assertThat(memberships.listForProject(ops.id())).singleElement()
                .satisfies(member -> assertThat(member.email().value()).isEqualTo("ann@example.test"));
        memberships.updateRole(m.id(), ProjectRole.ADMIN, T0.plusSeconds(1));
        assertThat(memberships.findById(m.id()).orElseThrow().role()).isEqualTo(ProjectRole.ADMIN);
        assertThat(memberships.delete(m.id())).isTrue();
        assertThat(memberships.listForProject(ops.id())).isEmpty();
    }

    @Test
    void a_users_projects_exclude_archived_ones() {
        Project ops = project("ops", true);
        Project old = project("old", false);
        projects.insert(ops);
        projects.insert(old);
        User ann = user("ann@example.test", true);
        member(ann, ops, ProjectRole.VIEWER);
        member(ann, old, ProjectRole.ADMIN);
        assertThat(memberships.listForUser(ann.id())).singleElement().satisfies(p -> {
            assertThat(p.project()).isEqualTo(ops);
            assertThat(p.role()).isEqualTo(ProjectRole.VIEWER);
        });
    }

    @Test
    void active_admins_are_counted_without_inactive_users_or_other_roles() {
        Project ops = project("ops", true);
        projects.insert(ops);
        member(user("a@example.test", true), ops, ProjectRole.ADMIN);
        member(user("b@example.test", false), ops, ProjectRole.ADMIN);
        member(user("c@example.test", true), ops, ProjectRole.OPERATOR);
        assertThat(database.inTransaction(() -> memberships.countActiveAdminsForUpdate(ops.id()))).isEqualTo(1);
    }
}
