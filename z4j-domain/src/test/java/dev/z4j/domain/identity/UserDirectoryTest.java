package dev.z4j.domain.identity;

import static dev.z4j.domain.testing.IdentityFixture.refusal;
import static dev.z4j.domain.testing.IdentityFixture.CLI;
import static dev.z4j.domain.testing.IdentityFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.testing.IdentityFixture;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserAdministration.NewUser;
import dev.z4j.ports.identity.UserAdministration.UserChanges;
import dev.z4j.ports.support.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private final IdentityFixture f = new IdentityFixture();

    private static UserChanges owner(boolean value) {
        return new UserChanges(Optional.empty(), Optional.of(value), Optional.empty());
    }

    private static UserChanges active(boolean value) {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.of(value));
    }

    @Test
    void emails_are_unique_whatever_their_case() {
        f.user("ann@example.test", false);
        Refusal duplicate = refusal(() -> f.user("ANN@example.TEST", false));
        assertThat(duplicate.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(duplicate.reason()).isEqualTo("email_taken");
    }

    @Test
    void the_last_active_owner_cannot_be_deleted_deactivated_or_demoted_even_from_the_cli() {
        User only = f.user("only@example.test", true);
        for (Runnable change : new Runnable[] {
                () -> f.users.delete(CLI, only.id()),
                () -> f.users.update(CLI, only.id(), active(false)),
                () -> f.users.update(CLI, only.id(), owner(false))}) {
            Refusal r = refusal(change);
            assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT);
            assertThat(r.reason()).isEqualTo("last_owner");
        }
        User second = f.user("second@example.test", true);
        f.users.update(CLI, only.id(), owner(false));
        assertThat(refusal(() -> f.users.delete(CLI, second.id())).reason()).isEqualTo("last_owner");
    }

    @Test
    void nobody_deletes_deactivates_or_demotes_themselves() {
        f.user("a@example.test", true);
        User b = f.user("b@example.test", true);
        Caller asB = f.as(f.login("b@example.test"));
        assertThat(refusal(() -> f.users.delete(asB, b.id())).reason()).isEqualTo("self_delete");
        assertThat(refusal(() -> f.users.update(asB, b.id(), owner(false))).reason()).isEqualTo("self_demote");
        assertThat(refusal(() -> f.users.update(asB, b.id(), active(false))).reason()).isEqualTo("self_deactivate");
    }

    @Test
    void only_owners_manage_users() {
        f.user("owner@example.test", true);
        f.user("member@example.test", false);
        Caller member = f.as(f.login("member@example.test"));
        Refusal r = refusal(() -> f.users.list(member, 10, 0));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(r.details()).containsEntry("have", "user").containsEntry("need", "owner");
    }

    @Test
    void deactivating_and_setting_a_password_end_every_session_of_the_user() {
        f.user("owner@example.test", true);
        User ann = f.user("ann@example.test", false);
        SignedIn first = f.login("ann@example.test");
        f.users.setPassword(CLI, ann.id(), "a-brand-new-passphrase");
        assertThat(f.signIn.authenticate(first.sessionToken())).isEmpty();
        assertThat(f.db.sessions.findById(first.sessionId()).orElseThrow().revocationReason()).contains("password_reset");
        assertThat(f.audit.last("user.password_set").actor()).isEqualTo(Actor.cli("root"));

        SignedIn second = f.signIn.login(IdentityFixture.anonymous("192.0.2.1"), "ann@example.test",
                "a-brand-new-passphrase");
        f.users.update(CLI, ann.id(), active(false));
        assertThat(f.signIn.authenticate(second.sessionToken())).isEmpty();
        assertThat(f.audit.last("user.updated").metadata()).containsEntry("revoked_sessions", 1L);
    }

    @Test
    void setting_a_password_lifts_a_lockout() {
        User ann = f.user("ann@example.test", false);
        for (int i = 0; i < IdentityFixture.THRESHOLD; i++) {
            refusal(() -> f.signIn.login(IdentityFixture.anonymous("192.0.2." + System.nanoTime() % 200), "ann@example.test",
                    "wrong-password!"));
        }
        assertThat(refusal(() -> f.login("ann@example.test")).kind()).isEqualTo(Refusal.Kind.THROTTLED);
        f.users.setPassword(CLI, ann.id(), PASSWORD);
        assertThat(f.login("ann@example.test")).isNotNull();
    }

    @Test
    void a_weak_password_or_a_bad_display_name_is_refused_before_anything_is_written() {
        assertThat(refusal(() -> f.users.create(CLI, new NewUser("x@example.test", "X", "short", false))).reason())
                .isEqualTo("password_too_short");
        assertThat(refusal(() -> f.users.create(CLI, new NewUser("x@example.test", "  ", PASSWORD, false))).reason())
                .isEqualTo("invalid_display_name");
        assertThat(f.db.users.list(10, 0)).isEmpty();
        assertThat(f.audit.entries()).isEmpty();
    }

    @Test
    void creating_an_owner_voids_a_pending_setup_link() {
        f.setup.inviteFirstOwner(Caller.brain());
        f.user("recovered@example.test", true);
        assertThat(f.db.setupTokens.count()).isZero();
    }
}
