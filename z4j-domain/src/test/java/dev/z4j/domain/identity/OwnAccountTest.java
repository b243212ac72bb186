package dev.z4j.domain.identity;

import static dev.z4j.domain.testing.IdentityFixture.refusal;
import static dev.z4j.domain.testing.IdentityFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.testing.IdentityFixture;
import dev.z4j.ports.identity.Accounts.SessionView;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.support.Refusal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnAccountTest {

    private final IdentityFixture f = new IdentityFixture();

    @Test
    void changing_the_password_kills_every_other_session_and_returns_a_fresh_one() {
        f.user("ann@example.test", false);
        SignedIn laptop = f.login("ann@example.test");
        SignedIn phone = f.login("ann@example.test");
        f.clock.advance(Duration.ofSeconds(1));

        SignedIn fresh = f.account.changePassword(f.as(phone), PASSWORD, "amber-glacier-compass-4");

        assertThat(f.signIn.authenticate(laptop.sessionToken())).isEmpty();
        assertThat(f.signIn.authenticate(phone.sessionToken())).isEmpty();
        assertThat(f.signIn.authenticate(fresh.sessionToken())).isPresent();
        assertThat(f.audit.last("auth.password_changed").metadata()).containsEntry("revoked_sessions", 2L);
        assertThat(refusal(() -> f.login("ann@example.test")).getMessage()).isEqualTo("invalid_credentials");
    }

    @Test
    void a_session_issued_before_password_changed_at_is_dead_even_if_not_revoked() {
        User ann = f.user("ann@example.test", false);
        SignedIn before = f.login("ann@example.test");
        f.clock.advance(Duration.ofSeconds(5));
        f.db.transactions.inTransaction(() -> f.db.users.setPassword(ann.id(), "fake$1$x", f.clock.instant()));
        assertThat(f.signIn.authenticate(before.sessionToken())).isEmpty();
    }

    @Test
    void a_wrong_current_password_is_refused_audited_and_counted() {
        f.user("ann@example.test", false);
        Caller ann = f.as(f.login("ann@example.test"));
        Refusal r = refusal(() -> f.account.changePassword(ann, "not-my-password", "amber-glacier-compass-4"));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.UNAUTHENTICATED);
        assertThat(r.reason()).isEqualTo("wrong_current_password");
        assertThat(f.audit.last("auth.password_changed").result()).isEqualTo("failed");
        assertThat(refusal(() -> f.account.changePassword(ann, PASSWORD, "short")).reason())
                .isEqualTo("password_too_short");
    }

    @Test
    void sessions_lists_only_live_ones_marks_the_current_and_revokes_only_own() {
        f.user("ann@example.test", false);
        f.user("bob@example.test", false);
        SignedIn a1 = f.login("ann@example.test");
        SignedIn a2 = f.login("ann@example.test");
        SignedIn b1 = f.login("bob@example.test");
        Caller ann = f.as(a2);

        List<SessionView> sessions = f.account.sessions(ann);
        assertThat(sessions).extracting(v -> v.session().id()).containsExactlyInAnyOrder(a1.sessionId(), a2.sessionId());
        assertThat(sessions).filteredOn(SessionView::current).extracting(v -> v.session().id())
                .containsExactly(a2.sessionId());

        assertThat(refusal(() -> f.account.revokeSession(ann, b1.sessionId())).kind())
                .isEqualTo(Refusal.Kind.NOT_FOUND);
        f.account.revokeSession(ann, a1.sessionId());
        assertThat(f.signIn.authenticate(a1.sessionToken())).isEmpty();
        assertThat(f.signIn.authenticate(b1.sessionToken())).isPresent();
        assertThat(f.account.sessions(ann)).hasSize(1);
    }

    @Test
    void me_lists_member_projects_with_roles_and_owners_see_every_project_as_admin() {
        User owner = f.user("owner@example.test", true);
        User ann = f.user("ann@example.test", false);
        Project ops = f.project("ops");
        f.project("billing");
        f.member(ann, ops, ProjectRole.OPERATOR);

        assertThat(f.account.me(f.as(f.login("ann@example.test"))).memberships())
                .extracting(m -> m.projectSlug() + ":" + m.role().wire()).containsExactly("ops:operator");
        assertThat(f.account.me(f.as(f.login("owner@example.test"))).memberships())
                .extracting(m -> m.projectSlug() + ":" + m.role().wire())
                .containsExactly("billing:admin", "ops:admin");
        assertThat(f.account.me(f.as(f.login("owner@example.test"))).user().id()).isEqualTo(owner.id());
    }

    @Test
    void the_cli_has_no_account() {
        assertThat(refusal(() -> f.account.me(IdentityFixture.CLI)).kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(refusal(() -> f.account.me(IdentityFixture.anonymous("192.0.2.1"))).kind())
                .isEqualTo(Refusal.Kind.UNAUTHENTICATED);
    }

    @Test
    void a_user_changes_their_own_display_name_but_never_their_email() {
        User ann = f.user("ann@example.test", false);
        Caller caller = f.as(f.login("ann@example.test"));

        User renamed = f.account.changeDisplayName(caller, "  Ann Operator ");

        assertThat(renamed.displayName()).isEqualTo("Ann Operator");
        assertThat(renamed.email()).isEqualTo(ann.email());
        assertThat(f.db.users.findById(ann.id()).orElseThrow().displayName()).isEqualTo("Ann Operator");
        assertThat(f.audit.last("user.updated").metadata()).containsEntry("changed", List.of("display_name"));
        assertThat(refusal(() -> f.account.changeDisplayName(caller, "   ")).reason())
                .isEqualTo("invalid_display_name");
        assertThat(refusal(() -> f.account.changeDisplayName(IdentityFixture.CLI, "Root")).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
    }
}
