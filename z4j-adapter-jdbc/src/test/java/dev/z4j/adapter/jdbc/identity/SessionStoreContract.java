package dev.z4j.adapter.jdbc.identity;

import static dev.z4j.adapter.jdbc.identity.Fixtures.T0;
import static dev.z4j.adapter.jdbc.identity.Fixtures.at;
import static dev.z4j.adapter.jdbc.identity.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.SessionStore;
import dev.z4j.ports.identity.User;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link SessionStore} out-port on each real database. */
abstract class SessionStoreContract {

    Database database;
    SessionStore sessions;
    User ann;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        sessions = new JdbcSessionStore(database);
        ann = user("ann@example.test", false, true);
        new JdbcUserStore(database).insert(ann, "h");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private Session session(long issuedSecondsAfterT0) {
        return new Session(UUID.randomUUID(), ann.id(), "csrf-" + issuedSecondsAfterT0, at(issuedSecondsAfterT0),
                at(issuedSecondsAfterT0).plus(Duration.ofDays(7)), at(issuedSecondsAfterT0), Optional.empty(),
                Optional.empty(), "192.0.2.1", Optional.of("Mozilla/5.0"));
    }

    @Test
    void a_session_is_found_by_its_token_hash_with_its_user() {
        Session s = session(0);
        sessions.insert(s, "hash-1");
        SessionStore.Resolved resolved = sessions.findByTokenHash("hash-1").orElseThrow();
        assertThat(resolved.session()).isEqualTo(s);
        assertThat(resolved.user()).isEqualTo(ann);
        assertThat(sessions.findById(s.id())).contains(s);
        assertThat(sessions.findByTokenHash("hash-2")).isEmpty();
    }

    @Test
    void touching_moves_last_seen_forward_only() {
        Session s = session(0);
        sessions.insert(s, "h");
        sessions.touch(s.id(), at(120));
        sessions.touch(s.id(), at(60));
        assertThat(sessions.findById(s.id()).orElseThrow().lastSeenAt()).isEqualTo(at(120));
    }

    @Test
    void revoking_is_idempotent_and_keeps_the_first_reason() {
        Session s = session(0);
        sessions.insert(s, "h");
        assertThat(sessions.revoke(s.id(), "logout", at(10))).isTrue();
        assertThat(sessions.revoke(s.id(), "user_revoke", at(20))).isFalse();
        Session revoked = sessions.findById(s.id()).orElseThrow();
        assertThat(revoked.revokedAt()).contains(at(10));
        assertThat(revoked.revocationReason()).contains("logout");
    }

    @Test
    void revoke_all_ends_every_open_session_of_the_user_and_list_open_shows_the_rest_newest_first() {
        Session a = session(0);
        Session b = session(10);
        Session c = session(20);
        sessions.insert(a, "a");
        sessions.insert(b, "b");
        sessions.insert(c, "c");
        sessions.revoke(a.id(), "logout", at(30));
        assertThat(sessions.listOpen(ann.id(), at(40), 10)).extracting(Session::id).containsExactly(c.id(), b.id());
        assertThat(sessions.listOpen(ann.id(), at(10).plus(Duration.ofDays(7)), 10)).extracting(Session::id)
                .containsExactly(c.id());
        assertThat(sessions.revokeAllOf(ann.id(), "password_changed", at(50))).isEqualTo(2);
        assertThat(sessions.listOpen(ann.id(), at(60), 10)).isEmpty();
    }

    @Test
    void list_all_shows_ended_sessions_too_newest_first_and_only_the_users_own() {
        Session revoked = session(0);
        Session expired = new Session(UUID.randomUUID(), ann.id(), "csrf-x", at(5), at(6), at(5), Optional.empty(),
                Optional.empty(), "198.51.100.7", Optional.empty());
        Session live = session(10);
        sessions.insert(revoked, "revoked");
        sessions.insert(expired, "expired");
        sessions.insert(live, "live");
        User bob = user("bob@example.test", false, true);
        new JdbcUserStore(database).insert(bob, "h");
        sessions.insert(new Session(UUID.randomUUID(), bob.id(), "csrf-b", at(30), at(90), at(30), Optional.empty(),
                Optional.empty(), "192.0.2.9", Optional.empty()), "bob");
        sessions.revoke(revoked.id(), "password_reset", at(20));

        assertThat(sessions.listAll(ann.id(), 10)).extracting(Session::id)
                .containsExactly(live.id(), expired.id(), revoked.id());
        assertThat(sessions.listAll(ann.id(), 10).get(2).revocationReason()).contains("password_reset");
        assertThat(sessions.listAll(ann.id(), 10).get(1)).isEqualTo(expired);
        assertThat(sessions.listAll(ann.id(), 2)).hasSize(2);
        assertThat(sessions.listAll(UUID.randomUUID(), 10)).isEmpty();
    }

    @Test
    void housekeeping_deletes_ended_sessions_only() {
        Session old = session(0);
        Session live = session(10);
        sessions.insert(old, "old");
        sessions.insert(live, "live");
        sessions.revoke(old.id(), "logout", T0);
        assertThat(sessions.deleteEndedBefore(at(1))).isEqualTo(1);
        assertThat(sessions.findById(live.id())).isPresent();
    }
}
