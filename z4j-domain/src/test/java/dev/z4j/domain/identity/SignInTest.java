package dev.z4j.domain.identity;

import static dev.z4j.domain.testing.IdentityFixture.refusal;
import static dev.z4j.domain.testing.IdentityFixture.PASSWORD;
import static dev.z4j.domain.testing.IdentityFixture.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.domain.testing.IdentityFixture;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserAdministration.UserChanges;
import dev.z4j.ports.support.Refusal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInTest {

    private final IdentityFixture f = new IdentityFixture();

    @Test
    void a_correct_password_opens_a_session_that_authenticates_and_is_audited() {
        User ann = f.user("ann@example.test", false);
        SignedIn signedIn = f.signIn.login(anonymous("192.0.2.1"), "  ANN@Example.TEST ", PASSWORD);

        assertThat(signedIn.user().id()).isEqualTo(ann.id());
        assertThat(signedIn.sessionToken()).hasSize(43);
        assertThat(signedIn.toString()).doesNotContain(signedIn.sessionToken()).doesNotContain(signedIn.csrfToken());
        assertThat(f.signIn.authenticate(signedIn.sessionToken()).orElseThrow().principal().userId())
                .isEqualTo(ann.id());
        AuditEntry row = f.audit.last("auth.login");
        assertThat(row.result()).isEqualTo("success");
        assertThat(row.actor().id()).contains(ann.id().toString());
        assertThat(row.sourceIp()).contains("192.0.2.1");
        assertThat(row.metadata()).containsEntry("session_id", signedIn.sessionId().toString());
    }

    @Test
    void an_unknown_email_and_a_wrong_password_are_the_same_refusal_after_the_same_work() {
        f.user("ann@example.test", false);
        int verificationsBefore = f.hasher.verifications.get();
        Refusal unknown = refusal(() -> f.signIn.login(anonymous("192.0.2.1"), "nobody@example.test", PASSWORD));
        int afterUnknown = f.hasher.verifications.get();
        Refusal wrong = refusal(() -> f.signIn.login(anonymous("192.0.2.1"), "ann@example.test", "not-the-password"));
        int afterWrong = f.hasher.verifications.get();

        assertThat(unknown.kind()).isEqualTo(Refusal.Kind.UNAUTHENTICATED);
        assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage()).isEqualTo("invalid_credentials");
        assertThat(wrong.reason()).isEqualTo(unknown.reason());
        assertThat(wrong.details()).isEqualTo(unknown.details());
        assertThat(afterUnknown - verificationsBefore).isEqualTo(1);
        assertThat(afterWrong - afterUnknown).isEqualTo(1);
        assertThat(f.audit.entries()).filteredOn(e -> e.action().equals("auth.login"))
                .extracting(e -> e.metadata().get("reason")).containsExactly("unknown_email", "wrong_password");
    }

    @Test
    void a_deactivated_user_with_the_right_password_gets_the_same_refusal() {
        User ann = f.user("ann@example.test", false);
        f.users.update(IdentityFixture.CLI, ann.id(), new UserChanges(Optional.empty(), Optional.empty(),
                Optional.of(false)));
        assertThat(refusal(() -> f.login("ann@example.test")).getMessage()).isEqualTo("invalid_credentials");
    }

    @Test
    void an_account_locks_after_the_threshold_for_known_and_unknown_emails_alike_with_a_retry_after() {
        f.user("ann@example.test", false);
        for (String email : new String[] {"ann@example.test", "ghost@example.test"}) {
            for (int i = 0; i < IdentityFixture.THRESHOLD; i++) {
                Caller from = anonymous("192.0.2." + (10 + i));
                assertThat(refusal(() -> f.signIn.login(from, email, "wrong-password!")).kind())
                        .isEqualTo(Refusal.Kind.UNAUTHENTICATED);
            }
            int verifications = f.hasher.verifications.get();
            Refusal locked = refusal(() -> f.signIn.login(anonymous("198.51.100.1"), email, PASSWORD));
            assertThat(locked.kind()).as(email).isEqualTo(Refusal.Kind.THROTTLED);
            assertThat(locked.retryAfter()).contains(IdentityFixture.LOCKOUT);
            assertThat(f.hasher.verifications.get()).as("no Argon2 while locked").isEqualTo(verifications);
        }
        assertThat(f.audit.actions()).filteredOn("auth.lockout"::equals).hasSize(2);

        f.clock.advance(IdentityFixture.LOCKOUT);
        assertThat(f.login("ann@example.test").user().email().value()).isEqualTo("ann@example.test");
    }

    @Test
    void an_ip_locks_after_five_times_the_account_threshold_across_accounts() {
        int perIp = IdentityFixture.THRESHOLD * LoginThrottle.IP_THRESHOLD_FACTOR;
        for (int i = 0; i < perIp; i++) {
            String email = "user" + i + "@example.test";
            refusal(() -> f.signIn.login(anonymous("203.0.113.9"), email, "wrong-password!"));
        }
        Refusal locked = refusal(() -> f.signIn.login(anonymous("203.0.113.9"), "fresh@example.test", PASSWORD));
        assertThat(locked.kind()).isEqualTo(Refusal.Kind.THROTTLED);
        assertThat(refusal(() -> f.signIn.login(anonymous("203.0.113.10"), "fresh@example.test", PASSWORD)).kind())
                .as("another address is not affected").isEqualTo(Refusal.Kind.UNAUTHENTICATED);
    }

    @Test
    void a_successful_sign_in_clears_the_account_counter() {
        f.user("ann@example.test", false);
        for (int i = 0; i < IdentityFixture.THRESHOLD - 1; i++) {
            refusal(() -> f.signIn.login(anonymous("192.0.2.1"), "ann@example.test", "wrong-password!"));
        }
        f.login("ann@example.test");
        for (int i = 0; i < IdentityFixture.THRESHOLD - 1; i++) {
            refusal(() -> f.signIn.login(anonymous("192.0.2.1"), "ann@example.test", "wrong-password!"));
        }
        assertThat(f.login("ann@example.test")).isNotNull();
    }

    @Test
    void a_hash_made_with_other_parameters_is_replaced_on_sign_in_without_touching_password_changed_at() {
        User ann = f.user("ann@example.test", false);
        f.hasher.cost(2);
        f.login("ann@example.test");
        assertThat(f.db.users.hashOf(ann.id())).startsWith("fake$2$");
        assertThat(f.db.users.findById(ann.id()).orElseThrow().passwordChangedAt()).isEqualTo(ann.passwordChangedAt());
        assertThat(f.audit.last("auth.login").metadata()).containsEntry("rehashed", true);
    }

    @Test
    void sessions_die_when_idle_past_their_absolute_lifetime_or_when_revoked() {
        f.user("ann@example.test", false);
        SignedIn idle = f.login("ann@example.test");
        f.clock.advance(IdentityFixture.IDLE);
        assertThat(f.signIn.authenticate(idle.sessionToken())).isEmpty();

        SignedIn busy = f.login("ann@example.test");
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(IdentityFixture.ABSOLUTE) < 0;
             elapsed = elapsed.plus(Duration.ofMinutes(20))) {
            assertThat(f.signIn.authenticate(busy.sessionToken())).as("alive after " + elapsed).isPresent();
            f.clock.advance(Duration.ofMinutes(20));
        }
        assertThat(f.signIn.authenticate(busy.sessionToken())).as("past 7 days").isEmpty();

        SignedIn out = f.login("ann@example.test");
        f.signIn.logout(f.as(out));
        assertThat(f.signIn.authenticate(out.sessionToken())).isEmpty();
        assertThat(f.audit.last("auth.logout").metadata()).containsEntry("session_id", out.sessionId().toString());
    }

    @Test
    void the_idle_timer_is_written_at_most_once_a_minute() {
        f.user("ann@example.test", false);
        SignedIn s = f.login("ann@example.test");
        int commits = f.db.transactions.committed();
        for (int i = 0; i < 5; i++) {
            f.clock.advance(Duration.ofSeconds(10));
            f.signIn.authenticate(s.sessionToken()).orElseThrow();
        }
        assertThat(f.db.transactions.committed()).as("50 s of requests").isEqualTo(commits);
        f.clock.advance(Duration.ofSeconds(10));
        f.signIn.authenticate(s.sessionToken()).orElseThrow();
        assertThat(f.db.transactions.committed()).isEqualTo(commits + 1);
        assertThat(f.db.sessions.findById(s.sessionId()).orElseThrow().lastSeenAt()).isEqualTo(f.clock.instant());
    }

    @Test
    void garbage_cookies_authenticate_nobody() {
        assertThat(f.signIn.authenticate(null)).isEmpty();
        assertThat(f.signIn.authenticate("")).isEmpty();
        assertThat(f.signIn.authenticate("x".repeat(5000))).isEmpty();
        assertThat(f.signIn.authenticate("not-a-session-token")).isEmpty();
    }

    @Test
    void a_malformed_email_is_invalid_input_not_a_credentials_failure() {
        Refusal r = refusal(() -> f.signIn.login(anonymous("192.0.2.1"), "not an email", PASSWORD));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(r.reason()).isEqualTo("invalid_email");
    }

    @Test
    void failed_sign_ins_are_audited_without_the_password() {
        refusal(() -> f.signIn.login(anonymous("192.0.2.1"), "ghost@example.test", "hunter2-hunter2"));
        AuditEntry row = f.audit.last("auth.login");
        assertThat(row.result()).isEqualTo("failed");
        assertThat(row.metadata().toString()).doesNotContain("hunter2");
        assertThat(row.metadata()).containsEntry("email", "ghost@example.test");
    }

    @Test
    void sessions_that_ended_more_than_a_day_ago_are_deleted_when_new_ones_are_issued() {
        f.user("ann@example.test", false);
        SignedIn old = f.login("ann@example.test");
        f.signIn.logout(f.as(old));
        f.clock.advance(Duration.ofDays(1).plusHours(2));
        SignedIn fresh = f.login("ann@example.test");
        assertThat(f.db.sessions.findById(old.sessionId())).isEmpty();
        assertThat(f.db.sessions.findById(fresh.sessionId())).isPresent();
    }
}
