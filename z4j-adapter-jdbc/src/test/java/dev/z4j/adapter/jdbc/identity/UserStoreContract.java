package dev.z4j.adapter.jdbc.identity;

import static dev.z4j.adapter.jdbc.identity.Fixtures.T0;
import static dev.z4j.adapter.jdbc.identity.Fixtures.at;
import static dev.z4j.adapter.jdbc.identity.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.identity.EmailAddress;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserStore;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link UserStore} out-port on each real database. */
abstract class UserStoreContract {

    Database database;
    UserStore users;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        users = new JdbcUserStore(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void a_user_round_trips_and_is_found_by_id_and_by_email_in_any_case() {
        User ann = user("ann@example.test", true, true);
        users.insert(ann, "$argon2id$hash");
        assertThat(users.findById(ann.id())).contains(ann);
        assertThat(users.findByEmail(EmailAddress.parse("ANN@Example.Test"))).contains(ann);
        assertThat(users.credentialsByEmail(ann.email()).orElseThrow().passwordHash()).isEqualTo("$argon2id$hash");
        assertThat(users.passwordHash(ann.id())).contains("$argon2id$hash");
        assertThat(users.findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void a_second_user_with_the_same_email_is_a_duplicate() {
        users.insert(user("ann@example.test", false, true), "h");
        assertThatThrownBy(() -> users.insert(user("ann@example.test", false, true), "h"))
                .isInstanceOf(UserStore.DuplicateEmailException.class)
                .hasMessageContaining("ann@example.test");
    }

    @Test
    void update_changes_name_owner_and_active_but_never_the_email() {
        User ann = user("ann@example.test", false, true);
        users.insert(ann, "h");
        User changed = new User(ann.id(), EmailAddress.parse("other@example.test"), "Ann B.", true, false,
                ann.passwordChangedAt(), Optional.empty(), ann.createdAt(), at(5));
        users.update(changed);
        User read = users.findById(ann.id()).orElseThrow();
        assertThat(read.email()).isEqualTo(ann.email());
        assertThat(read.displayName()).isEqualTo("Ann B.");
        assertThat(read.owner()).isTrue();
        assertThat(read.active()).isFalse();
        assertThat(read.updatedAt()).isEqualTo(at(5));
    }

    @Test
    void a_new_password_bumps_password_changed_at_and_a_rehash_does_not() {
        User ann = user("ann@example.test", false, true);
        users.insert(ann, "old");
        users.replaceHash(ann.id(), "rehashed");
        assertThat(users.findById(ann.id()).orElseThrow().passwordChangedAt()).isEqualTo(T0);
        users.setPassword(ann.id(), "new", at(60));
        assertThat(users.passwordHash(ann.id())).contains("new");
        assertThat(users.findById(ann.id()).orElseThrow().passwordChangedAt()).isEqualTo(at(60));
        users.recordLogin(ann.id(), at(61));
        assertThat(users.findById(ann.id()).orElseThrow().lastLoginAt()).contains(at(61));
    }

    @Test
    void active_owners_are_counted_and_deactivated_or_plain_users_are_not() {
        assertThat(users.activeOwnerExists()).isFalse();
        users.insert(user("plain@example.test", false, true), "h");
        users.insert(user("former@example.test", true, false), "h");
        assertThat(users.activeOwnerExists()).isFalse();
        User owner = user("owner@example.test", true, true);
        users.insert(owner, "h");
        assertThat(users.activeOwnerExists()).isTrue();
        assertThat(database.inTransaction(() -> users.countActiveOwnersForUpdate())).isEqualTo(1);
        assertThat(users.delete(owner.id())).isTrue();
        assertThat(users.delete(owner.id())).isFalse();
        assertThat(users.activeOwnerExists()).isFalse();
    }

    @Test
    void list_pages_newest_first() {
        for (int i = 0; i < 5; i++) {
            User u = user("u" + i + "@example.test", false, true);
            users.insert(new User(u.id(), u.email(), u.displayName(), false, true, T0, Optional.empty(), at(i), at(i)),
                    "h");
        }
        assertThat(users.list(2, 0)).extracting(u -> u.email().value())
                .containsExactly("u4@example.test", "u3@example.test");
        assertThat(users.list(2, 4)).extracting(u -> u.email().value()).containsExactly("u0@example.test");
    }

    @Test
    void a_row_written_by_hand_with_capitals_is_found_and_read_in_canonical_form() {
        UUID id = UUID.randomUUID();
        database.write(h -> h.createUpdate("INSERT INTO users (id, email, display_name, password_hash, is_owner, "
                        + "is_active, password_changed_at, created_at, updated_at) VALUES (:id, 'Hand@Example.TEST', "
                        + "'By Hand', 'h', :no, :yes, :t, :t, :t)")
                .bind("id", id).bind("no", false).bind("yes", true).bind("t", T0).execute());
        User read = users.findByEmail(EmailAddress.parse("hand@example.test")).orElseThrow();
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.email().value()).isEqualTo("hand@example.test");
    }
}
