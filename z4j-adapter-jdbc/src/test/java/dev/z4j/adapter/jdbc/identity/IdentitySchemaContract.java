package dev.z4j.adapter.jdbc.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the V3 schema guarantees by itself, even for rows an operator writes by hand. */
abstract class IdentitySchemaContract {

    Database database;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private UUID insertUser(String email) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        database.write(h -> h.createUpdate("INSERT INTO users (id, email, display_name, password_hash, is_owner, "
                        + "is_active, password_changed_at, created_at, updated_at) "
                        + "VALUES (:id, :email, 'Someone', 'hash', :owner, :active, :now, :now, :now)")
                .bind("id", id).bind("email", email).bind("owner", false).bind("active", true).bind("now", now)
                .execute());
        return id;
    }

    private UUID insertProject(String slug) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        database.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                        + "VALUES (:id, :slug, 'P', :active, :now, :now)")
                .bind("id", id).bind("slug", slug).bind("active", true).bind("now", now).execute());
        return id;
    }

    @Test
    void emails_are_unique_regardless_of_case() {
        insertUser("ann@example.test");
        assertThatThrownBy(() -> insertUser("ANN@Example.Test")).isInstanceOf(RuntimeException.class);
        long count = database.read(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
        assertThat(count).isEqualTo(1);
    }

    @Test
    void slugs_follow_the_upstream_rules() {
        insertProject("default");
        insertProject("a1");
        insertProject("team-42-prod");
        for (String bad : new String[] {"-lead", "trail-", "Upper", "with space", "x", "under_score",
                "a".repeat(51)}) {
            assertThatThrownBy(() -> insertProject(bad)).as(bad).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void deleting_a_user_removes_their_memberships_and_sessions() {
        UUID user = insertUser("ann@example.test");
        UUID project = insertProject("ops");
        Instant now = Instant.now();
        database.inTransaction(() -> {
            database.write(h -> h.createUpdate("INSERT INTO memberships (id, user_id, project_id, role, created_at, "
                            + "updated_at) VALUES (:id, :user, :project, 'admin', :now, :now)")
                    .bind("id", UUID.randomUUID()).bind("user", user).bind("project", project).bind("now", now)
                    .execute());
            database.write(h -> h.createUpdate("INSERT INTO sessions (id, user_id, token_hash, csrf_token, issued_at, "
                            + "expires_at, last_seen_at, ip_at_issue) VALUES (:id, :user, 'h', 'c', :now, :now, :now, "
                            + "'127.0.0.1')")
                    .bind("id", UUID.randomUUID()).bind("user", user).bind("now", now).execute());
        });
        database.write(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", user).execute());
        long left = database.read(h -> h.createQuery(
                "SELECT (SELECT COUNT(*) FROM memberships) + (SELECT COUNT(*) FROM sessions)").mapTo(Long.class).one());
        assertThat(left).isZero();
    }

    @Test
    void a_role_outside_viewer_operator_admin_is_refused() {
        UUID user = insertUser("ann@example.test");
        UUID project = insertProject("ops");
        assertThatThrownBy(() -> database.write(h -> h.createUpdate("INSERT INTO memberships (id, user_id, project_id, "
                        + "role, created_at, updated_at) VALUES (:id, :user, :project, 'owner', :now, :now)")
                .bind("id", UUID.randomUUID()).bind("user", user).bind("project", project).bind("now", Instant.now())
                .execute())).isInstanceOf(RuntimeException.class);
    }
}
