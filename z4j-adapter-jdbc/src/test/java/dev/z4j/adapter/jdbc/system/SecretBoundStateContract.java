package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.agents.AgentCredentialInvalidation;
import dev.z4j.adapter.jdbc.identity.SessionInvalidation;
import dev.z4j.adapter.jdbc.support.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a secret rotation ends: open sessions are closed, agent credentials deleted, agents and users kept. */
abstract class SecretBoundStateContract {

    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");
    Database database;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        UUID user = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        database.inTransaction(() -> database.write(h -> {
            h.createUpdate("INSERT INTO users (id, email, display_name, password_hash, is_owner, is_active, "
                            + "password_changed_at, created_at, updated_at) VALUES (:id, 'ann@example.test', 'Ann', "
                            + "'hash', :t, :t, :now, :now, :now)")
                    .bind("id", user).bind("t", true).bind("now", now).execute();
            for (int i = 0; i < 2; i++) {
                h.createUpdate("INSERT INTO sessions (id, user_id, token_hash, csrf_token, issued_at, expires_at, "
                                + "last_seen_at, ip_at_issue) VALUES (:id, :user, :hash, 'csrf', :now, :now, :now, '127.0.0.1')")
                        .bind("id", UUID.randomUUID()).bind("user", user).bind("hash", "h" + i).bind("now", now).execute();
            }
            h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                    + "VALUES (:id, 'default', 'Default', :t, :now, :now)").bind("id", project).bind("t", true)
                    .bind("now", now).execute();
            UUID agent = UUID.randomUUID();
            h.createUpdate("INSERT INTO agents (id, project_id, name, created_at) VALUES (:id, :project, 'worker-1', :now)")
                    .bind("id", agent).bind("project", project).bind("now", now).execute();
            return h.createUpdate("INSERT INTO agent_tokens (agent_id, token_hash, generation, issued_at) "
                            + "VALUES (:agent, :hash, 1, :now)")
                    .bind("agent", agent).bind("hash", "a".repeat(64)).bind("now", now).execute();
        }));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private long count(String sql) {
        return database.read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void sessions_are_closed_with_the_reason_and_users_kept() {
        long closed = database.inTransaction(() ->
                new SessionInvalidation(database, Clock.fixed(now, java.time.ZoneOffset.UTC)).invalidate());
        assertThat(closed).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL")).isZero();
        assertThat(count("SELECT COUNT(*) FROM sessions WHERE revocation_reason = 'secret_rotated'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM users")).isEqualTo(1);
    }

    @Test
    void agent_credentials_are_deleted_and_agents_kept() {
        long ended = database.inTransaction(() -> new AgentCredentialInvalidation(database).invalidate());
        assertThat(ended).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM agent_tokens")).isZero();
        assertThat(count("SELECT COUNT(*) FROM agents")).isEqualTo(1);
    }
}
