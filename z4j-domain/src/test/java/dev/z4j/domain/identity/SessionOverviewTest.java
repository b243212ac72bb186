package dev.z4j.domain.identity;

import static dev.z4j.domain.testing.IdentityFixture.CLI;
import static dev.z4j.domain.testing.IdentityFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.testing.IdentityFixture;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserSessions.SessionState;
import dev.z4j.ports.support.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionOverviewTest {

    private final IdentityFixture f = new IdentityFixture();

    @Test
    void live_and_ended_sessions_are_listed_newest_first_with_why_each_ended() {
        User ann = f.user("ann@example.test", false);
        SignedIn idle = f.login("ann@example.test");
        f.clock.advance(IdentityFixture.IDLE.plusMinutes(1));
        SignedIn revoked = f.login("ann@example.test");
        f.account.revokeSession(f.as(revoked), revoked.sessionId());
        f.clock.advance(Duration.ofSeconds(1));
        SignedIn live = f.login("ann@example.test");

        List<SessionState> states = f.sessions.of(CLI, ann.id());

        assertThat(states).extracting(s -> s.session().id())
                .containsExactly(live.sessionId(), revoked.sessionId(), idle.sessionId());
        assertThat(states).extracting(SessionState::deadReason)
                .containsExactly(Optional.empty(), Optional.of("revoked"), Optional.of("idle"));
        assertThat(states.get(0).live()).isTrue();
        assertThat(states.get(0).session().ipAtIssue()).isEqualTo("192.0.2.10");
    }

    @Test
    void a_password_reset_and_a_deactivation_end_every_session() {
        User ann = f.user("ann@example.test", false);
        SignedIn before = f.login("ann@example.test");
        f.clock.advance(Duration.ofSeconds(1));
        f.users.setPassword(CLI, ann.id(), "amber-glacier-compass-4");
        assertThat(f.sessions.of(CLI, ann.id())).singleElement()
                .satisfies(s -> assertThat(s.deadReason()).contains("revoked"));

        User bob = f.user("bob@example.test", false);
        f.login("bob@example.test");
        f.db.transactions.inTransaction(() -> f.db.users.update(bob.withActive(false, f.clock.instant())));
        assertThat(f.sessions.of(CLI, bob.id())).singleElement()
                .satisfies(s -> assertThat(s.deadReason()).contains("user_inactive"));
        assertThat(before.sessionId()).isNotNull();
    }

    @Test
    void only_owners_and_the_cli_may_look_and_an_unknown_user_is_not_found() {
        User ann = f.user("ann@example.test", false);
        f.user("olga@example.test", true);
        assertThat(refusal(() -> f.sessions.of(f.as(f.login("ann@example.test")), ann.id())).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(f.sessions.of(f.as(f.login("olga@example.test")), ann.id())).hasSize(1);
        assertThat(refusal(() -> f.sessions.of(CLI, UUID.randomUUID())).reason()).isEqualTo("user_not_found");
    }
}
