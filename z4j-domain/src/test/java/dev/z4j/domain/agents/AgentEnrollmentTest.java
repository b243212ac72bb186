package dev.z4j.domain.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.agents.AgentNameTakenException;
import dev.z4j.ports.agents.AgentNotFoundException;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.ChangeOrigin;
import dev.z4j.ports.agents.InvalidAgentNameException;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentEnrollmentTest {

    private static final Secret SECRET = Secret.ofText("s".repeat(48));
    private static final UUID PROJECT = UUID.randomUUID();
    private static final UUID OTHER_PROJECT = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();
    private static final ChangeOrigin BY_ADMIN = new ChangeOrigin(Actor.user(ADMIN), Optional.of("203.0.113.9"),
            Optional.of("browser"));

    private final InMemoryAgents db = new InMemoryAgents();
    private final AgentEnrollment enrollment = enrollment(SECRET);

    private AgentEnrollment enrollment(Secret secret) {
        return new AgentEnrollment(db, db, db.audit, db.sessions, db, SecretKeys.of(secret, List.of()),
                Clock.fixed(Instant.parse("2026-05-13T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void mint_returns_a_prefixed_token_and_the_frame_secret_once_and_stores_only_a_hash() {
        MintedCredential minted = enrollment.mint(PROJECT, "  worker-1 ", BY_ADMIN);

        assertThat(minted.agent().name()).isEqualTo("worker-1");
        assertThat(minted.agent().projectId()).isEqualTo(PROJECT);
        assertThat(minted.agent().credentialGeneration()).isEqualTo(1);
        assertThat(minted.token()).matches("z4j_agent_[A-Za-z0-9_-]{43}");
        assertThat(minted.hmacSecret()).matches("[A-Za-z0-9_-]{43}=");
        assertThat(minted.toString()).doesNotContain(minted.token()).doesNotContain(minted.hmacSecret());
        assertThat(db.tokens().values()).singleElement().satisfies(t -> {
            assertThat(t.tokenHash()).isEqualTo(FrameKeys.tokenHash(SECRET, minted.token()));
            assertThat(t.tokenHash()).doesNotContain(minted.token());
        });
    }

    @Test
    void the_minted_token_authenticates_with_the_frame_key_the_operator_was_shown() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);

        AgentPrincipal principal = enrollment.authenticate(minted.token()).orElseThrow();
        assertThat(principal.agentId()).isEqualTo(minted.agent().id());
        assertThat(principal.projectId()).isEqualTo(PROJECT);
        assertThat(principal.generation()).isEqualTo(1);
        assertThat(principal.frameKey()).isEqualTo(Base64.getUrlDecoder().decode(minted.hmacSecret()));
        assertThat(enrollment.isCurrent(principal)).isTrue();
    }

    @Test
    void every_change_is_audited_with_the_acting_user_and_no_secret() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        UUID id = minted.agent().id();
        MintedCredential rotated = enrollment.rotate(PROJECT, id, BY_ADMIN);
        enrollment.revoke(PROJECT, id, BY_ADMIN);
        enrollment.delete(PROJECT, id, BY_ADMIN);

        assertThat(db.auditRows()).extracting(AuditEntry::action)
                .containsExactly("agent.token.minted", "agent.token.rotated", "agent.token.revoked", "agent.deleted");
        for (AuditEntry row : db.auditRows()) {
            assertThat(row.actor()).isEqualTo(Actor.user(ADMIN));
            assertThat(row.projectId()).contains(PROJECT);
            assertThat(row.targetType()).isEqualTo("agent");
            assertThat(row.targetId()).contains(id.toString());
            assertThat(row.sourceIp()).contains("203.0.113.9");
            assertThat(row.metadata()).containsEntry("name", "worker-1");
            assertThat(row.metadata().toString()).doesNotContain(minted.token(), minted.hmacSecret(),
                    rotated.token(), rotated.hmacSecret());
        }
        assertThat(db.auditRows().get(1).metadata()).containsEntry("generation", 2L);
    }

    @Test
    void a_duplicate_name_in_the_project_is_refused_and_changes_nothing() {
        enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        assertThatThrownBy(() -> enrollment.mint(PROJECT, "worker-1 ", BY_ADMIN)).isInstanceOf(AgentNameTakenException.class);
        assertThat(enrollment.list(PROJECT)).hasSize(1);
        assertThat(db.auditRows()).hasSize(1);
        assertThat(enrollment.mint(OTHER_PROJECT, "worker-1", BY_ADMIN).agent().projectId()).isEqualTo(OTHER_PROJECT);
    }

    @Test
    void names_must_be_printable_and_at_most_200_characters() {
        for (String bad : new String[] {null, "", "   ", "a\nb", "x".repeat(201)}) {
            assertThatThrownBy(() -> enrollment.mint(PROJECT, bad, BY_ADMIN)).isInstanceOf(InvalidAgentNameException.class);
        }
        assertThat(enrollment.mint(PROJECT, "ü".repeat(200), BY_ADMIN).agent().name()).hasSize(200);
        assertThat(db.auditRows()).hasSize(1);
    }

    @Test
    void rotate_keeps_the_agent_row_and_replaces_token_and_secret_and_ends_the_old_sessions() {
        MintedCredential first = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        AgentPrincipal old = enrollment.authenticate(first.token()).orElseThrow();

        MintedCredential second = enrollment.rotate(PROJECT, first.agent().id(), BY_ADMIN);

        assertThat(second.agent().id()).isEqualTo(first.agent().id());
        assertThat(second.agent().credentialGeneration()).isEqualTo(2);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.hmacSecret()).isNotEqualTo(first.hmacSecret());
        assertThat(enrollment.authenticate(first.token())).isEmpty();
        assertThat(enrollment.authenticate(second.token())).map(AgentPrincipal::generation).contains(2L);
        assertThat(enrollment.isCurrent(old)).isFalse();
        assertThat(db.terminations).containsExactly(first.agent().id() + " through 1");
        assertThat(enrollment.list(PROJECT)).hasSize(1);
    }

    @Test
    void revoke_removes_the_credential_keeps_the_agent_and_ends_every_session() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        AgentPrincipal principal = enrollment.authenticate(minted.token()).orElseThrow();

        assertThat(enrollment.revoke(PROJECT, minted.agent().id(), BY_ADMIN)).isTrue();

        assertThat(enrollment.authenticate(minted.token())).isEmpty();
        assertThat(enrollment.isCurrent(principal)).isFalse();
        assertThat(db.tokens()).isEmpty();
        assertThat(enrollment.list(PROJECT)).singleElement().satisfies(view -> {
            assertThat(view.agent().id()).isEqualTo(minted.agent().id());
            assertThat(view.revoked()).isTrue();
        });
        assertThat(db.terminations).containsExactly(minted.agent().id() + " through all");
    }

    @Test
    void revoking_again_changes_nothing_and_writes_no_audit_row() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        enrollment.revoke(PROJECT, minted.agent().id(), BY_ADMIN);
        assertThat(enrollment.revoke(PROJECT, minted.agent().id(), BY_ADMIN)).isFalse();
        assertThat(db.auditRows()).hasSize(2);
    }

    @Test
    void the_seed_playbook_revoke_then_mint_a_replacement_on_the_same_row_gives_a_never_seen_secret() {
        MintedCredential leaked = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        UUID id = leaked.agent().id();
        enrollment.revoke(PROJECT, id, BY_ADMIN);

        MintedCredential replacement = enrollment.rotate(PROJECT, id, BY_ADMIN);

        assertThat(replacement.agent().id()).isEqualTo(id);
        assertThat(replacement.agent().credentialGeneration()).isEqualTo(2);
        assertThat(replacement.hmacSecret()).isNotEqualTo(leaked.hmacSecret());
        assertThat(enrollment.authenticate(leaked.token())).isEmpty();
        assertThat(enrollment.authenticate(replacement.token())).isPresent();
        assertThat(enrollment.list(PROJECT)).extracting(AgentView::revoked).containsExactly(false);
    }

    @Test
    void delete_removes_agent_and_credential_and_ends_every_session() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        enrollment.delete(PROJECT, minted.agent().id(), BY_ADMIN);

        assertThat(enrollment.list(PROJECT)).isEmpty();
        assertThat(enrollment.authenticate(minted.token())).isEmpty();
        assertThat(db.terminations).containsExactly(minted.agent().id() + " through all");
        assertThat(enrollment.mint(PROJECT, "worker-1", BY_ADMIN).agent().id()).isNotEqualTo(minted.agent().id());
    }

    @Test
    void an_agent_of_another_project_is_not_found_and_left_alone() {
        MintedCredential minted = enrollment.mint(OTHER_PROJECT, "worker-1", BY_ADMIN);
        UUID id = minted.agent().id();
        assertThatThrownBy(() -> enrollment.rotate(PROJECT, id, BY_ADMIN)).isInstanceOf(AgentNotFoundException.class);
        assertThatThrownBy(() -> enrollment.revoke(PROJECT, id, BY_ADMIN)).isInstanceOf(AgentNotFoundException.class);
        assertThatThrownBy(() -> enrollment.delete(PROJECT, id, BY_ADMIN)).isInstanceOf(AgentNotFoundException.class);
        assertThat(enrollment.authenticate(minted.token())).isPresent();
        assertThat(db.terminations).isEmpty();
        assertThat(db.auditRows()).hasSize(1);
    }

    @Test
    void when_the_audit_row_cannot_be_written_nothing_changes_and_no_session_is_ended() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        db.failNextAudit = new IllegalStateException("audit log unavailable");

        assertThatThrownBy(() -> enrollment.revoke(PROJECT, minted.agent().id(), BY_ADMIN))
                .hasMessage("audit log unavailable");
        assertThat(enrollment.authenticate(minted.token())).isPresent();
        assertThat(db.terminations).isEmpty();

        db.failNextAudit = new IllegalStateException("audit log unavailable");
        assertThatThrownBy(() -> enrollment.mint(PROJECT, "worker-2", BY_ADMIN)).hasMessage("audit log unavailable");
        assertThat(enrollment.list(PROJECT)).hasSize(1);
    }

    @Test
    void bearer_values_that_are_not_live_tokens_do_not_authenticate() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        String unprefixed = minted.token().substring(AgentEnrollment.TOKEN_PREFIX.length());
        for (String bad : new String[] {null, "", unprefixed, minted.token() + "x", minted.token().toUpperCase(java.util.Locale.ROOT),
                AgentEnrollment.TOKEN_PREFIX + "x".repeat(200)}) {
            assertThat(enrollment.authenticate(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void after_the_master_secret_changes_existing_tokens_no_longer_authenticate() {
        MintedCredential minted = enrollment.mint(PROJECT, "worker-1", BY_ADMIN);
        AgentEnrollment afterRotation = new AgentEnrollment(db, db, db.audit, db.sessions, db,
                SecretKeys.of(Secret.ofText("n".repeat(48)), List.of(SECRET)), Clock.systemUTC());
        assertThat(afterRotation.authenticate(minted.token())).isEmpty();
    }
}
