package dev.z4j.domain.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.domain.testing.FakeProjects;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentState;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.support.Refusal;
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
    private static final UUID ADMIN = UUID.randomUUID();
    private static final Caller BY_ADMIN = Caller.of(new Principal.User(ADMIN, false, UUID.randomUUID()),
            "203.0.113.9", "browser");

    private final InMemoryAgents db = new InMemoryAgents();
    private final FakeProjects projects = new FakeProjects();
    private final UUID project = projects.add("shop");
    private final UUID otherProject = projects.add("billing");
    private final AgentEnrollment enrollment = enrollment(SECRET);

    {
        projects.grant(ADMIN, "shop", ProjectRole.ADMIN);
        projects.grant(ADMIN, "billing", ProjectRole.ADMIN);
    }

    private AgentEnrollment enrollment(Secret secret) {
        return new AgentEnrollment(db, db, db.liveness, projects, db.audit, db.sessions, db,
                SecretKeys.of(secret, List.of()), Clock.fixed(Instant.parse("2026-05-13T10:00:00Z"), ZoneOffset.UTC));
    }

    private static Caller user(UUID id) {
        return Caller.of(new Principal.User(id, false, UUID.randomUUID()), "198.51.100.7", "browser");
    }

    @Test
    void mint_returns_a_prefixed_token_and_the_frame_secret_once_and_stores_only_a_hash() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "  worker-1 ");

        assertThat(minted.agent().name()).isEqualTo("worker-1");
        assertThat(minted.agent().projectId()).isEqualTo(project);
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
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");

        AgentPrincipal principal = enrollment.authenticate(minted.token()).orElseThrow();
        assertThat(principal.agentId()).isEqualTo(minted.agent().id());
        assertThat(principal.projectId()).isEqualTo(project);
        assertThat(principal.generation()).isEqualTo(1);
        assertThat(principal.frameKey()).isEqualTo(Base64.getUrlDecoder().decode(minted.hmacSecret()));
        assertThat(enrollment.isCurrent(principal)).isTrue();
    }

    @Test
    void every_change_is_audited_with_the_acting_user_and_no_secret() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        UUID id = minted.agent().id();
        MintedCredential rotated = enrollment.rotate(BY_ADMIN, "shop", id);
        enrollment.revoke(BY_ADMIN, "shop", id);
        enrollment.delete(BY_ADMIN, "shop", id);

        assertThat(db.auditRows()).extracting(AuditEntry::action)
                .containsExactly("agent.token.minted", "agent.token.rotated", "agent.token.revoked", "agent.deleted");
        for (AuditEntry row : db.auditRows()) {
            assertThat(row.actor()).isEqualTo(Actor.user(ADMIN));
            assertThat(row.userAgent()).contains("browser");
            assertThat(row.projectId()).contains(project);
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
        enrollment.mint(BY_ADMIN, "shop", "worker-1");
        assertThatThrownBy(() -> enrollment.mint(BY_ADMIN, "shop", "worker-1 "))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("agent_name_taken"));
        assertThat(enrollment.list(BY_ADMIN, "shop")).hasSize(1);
        assertThat(db.auditRows()).hasSize(1);
        assertThat(enrollment.mint(BY_ADMIN, "billing", "worker-1").agent().projectId()).isEqualTo(otherProject);
    }

    @Test
    void names_must_be_printable_and_at_most_200_characters() {
        for (String bad : new String[] {null, "", "   ", "a\nb", "x".repeat(201)}) {
            assertThatThrownBy(() -> enrollment.mint(BY_ADMIN, "shop", bad))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("agent_name_invalid"));
        }
        assertThat(enrollment.mint(BY_ADMIN, "shop", "ü".repeat(200)).agent().name()).hasSize(200);
        assertThat(db.auditRows()).hasSize(1);
    }

    @Test
    void rotate_keeps_the_agent_row_and_replaces_token_and_secret_and_ends_the_old_sessions() {
        MintedCredential first = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        AgentPrincipal old = enrollment.authenticate(first.token()).orElseThrow();

        MintedCredential second = enrollment.rotate(BY_ADMIN, "shop", first.agent().id());

        assertThat(second.agent().id()).isEqualTo(first.agent().id());
        assertThat(second.agent().credentialGeneration()).isEqualTo(2);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.hmacSecret()).isNotEqualTo(first.hmacSecret());
        assertThat(enrollment.authenticate(first.token())).isEmpty();
        assertThat(enrollment.authenticate(second.token())).map(AgentPrincipal::generation).contains(2L);
        assertThat(enrollment.isCurrent(old)).isFalse();
        assertThat(db.terminations).containsExactly(first.agent().id() + " through 1");
        assertThat(enrollment.list(BY_ADMIN, "shop")).hasSize(1);
    }

    @Test
    void revoke_removes_the_credential_keeps_the_agent_and_ends_every_session() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        AgentPrincipal principal = enrollment.authenticate(minted.token()).orElseThrow();

        assertThat(enrollment.revoke(BY_ADMIN, "shop", minted.agent().id())).isTrue();

        assertThat(enrollment.authenticate(minted.token())).isEmpty();
        assertThat(enrollment.isCurrent(principal)).isFalse();
        assertThat(db.tokens()).isEmpty();
        assertThat(enrollment.list(BY_ADMIN, "shop")).singleElement().satisfies(view -> {
            assertThat(view.agent().id()).isEqualTo(minted.agent().id());
            assertThat(view.revoked()).isTrue();
        });
        assertThat(db.terminations).containsExactly(minted.agent().id() + " through all");
    }

    @Test
    void revoking_again_changes_nothing_and_writes_no_audit_row() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        enrollment.revoke(BY_ADMIN, "shop", minted.agent().id());
        assertThat(enrollment.revoke(BY_ADMIN, "shop", minted.agent().id())).isFalse();
        assertThat(db.auditRows()).hasSize(2);
    }

    @Test
    void the_seed_playbook_revoke_then_mint_a_replacement_on_the_same_row_gives_a_never_seen_secret() {
        MintedCredential leaked = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        UUID id = leaked.agent().id();
        enrollment.revoke(BY_ADMIN, "shop", id);

        MintedCredential replacement = enrollment.rotate(BY_ADMIN, "shop", id);

        assertThat(replacement.agent().id()).isEqualTo(id);
        assertThat(replacement.agent().credentialGeneration()).isEqualTo(2);
        assertThat(replacement.hmacSecret()).isNotEqualTo(leaked.hmacSecret());
        assertThat(enrollment.authenticate(leaked.token())).isEmpty();
        assertThat(enrollment.authenticate(replacement.token())).isPresent();
        assertThat(enrollment.list(BY_ADMIN, "shop")).extracting(AgentView::revoked).containsExactly(false);
    }

    @Test
    void delete_removes_agent_and_credential_and_ends_every_session() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        enrollment.delete(BY_ADMIN, "shop", minted.agent().id());

        assertThat(enrollment.list(BY_ADMIN, "shop")).isEmpty();
        assertThat(enrollment.authenticate(minted.token())).isEmpty();
        assertThat(db.terminations).containsExactly(minted.agent().id() + " through all");
        assertThat(enrollment.mint(BY_ADMIN, "shop", "worker-1").agent().id()).isNotEqualTo(minted.agent().id());
    }

    @Test
    void an_agent_of_another_project_is_not_found_and_left_alone() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "billing", "worker-1");
        UUID id = minted.agent().id();
        for (Runnable call : List.<Runnable>of(() -> enrollment.rotate(BY_ADMIN, "shop", id),
                () -> enrollment.revoke(BY_ADMIN, "shop", id), () -> enrollment.delete(BY_ADMIN, "shop", id))) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("agent_not_found"));
        }
        assertThat(enrollment.authenticate(minted.token())).isPresent();
        assertThat(db.terminations).isEmpty();
        assertThat(db.auditRows()).hasSize(1);
    }

    @Test
    void when_the_audit_row_cannot_be_written_nothing_changes_and_no_session_is_ended() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        db.failNextAudit = new IllegalStateException("audit log unavailable");

        assertThatThrownBy(() -> enrollment.revoke(BY_ADMIN, "shop", minted.agent().id()))
                .hasMessage("audit log unavailable");
        assertThat(enrollment.authenticate(minted.token())).isPresent();
        assertThat(db.terminations).isEmpty();

        db.failNextAudit = new IllegalStateException("audit log unavailable");
        assertThatThrownBy(() -> enrollment.mint(BY_ADMIN, "shop", "worker-2")).hasMessage("audit log unavailable");
        assertThat(enrollment.list(BY_ADMIN, "shop")).hasSize(1);
    }

    @Test
    void bearer_values_that_are_not_live_tokens_do_not_authenticate() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        String unprefixed = minted.token().substring(AgentEnrollment.TOKEN_PREFIX.length());
        for (String bad : new String[] {null, "", unprefixed, minted.token() + "x", minted.token().toUpperCase(java.util.Locale.ROOT),
                AgentEnrollment.TOKEN_PREFIX + "x".repeat(200)}) {
            assertThat(enrollment.authenticate(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void after_the_master_secret_changes_existing_tokens_no_longer_authenticate() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        AgentEnrollment afterRotation = new AgentEnrollment(db, db, db.liveness, projects, db.audit, db.sessions, db,
                SecretKeys.of(Secret.ofText("n".repeat(48)), List.of(SECRET)), Clock.systemUTC());
        assertThat(afterRotation.authenticate(minted.token())).isEmpty();
    }
    @Test
    void only_project_admins_and_owners_may_manage_agents_and_members_may_list_them() {
        UUID viewer = UUID.randomUUID();
        UUID operator = UUID.randomUUID();
        projects.grant(viewer, "shop", ProjectRole.VIEWER);
        projects.grant(operator, "shop", ProjectRole.OPERATOR);
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");

        for (UUID weak : List.of(viewer, operator)) {
            assertThatThrownBy(() -> enrollment.mint(user(weak), "shop", "sneaky"))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
            assertThatThrownBy(() -> enrollment.revoke(user(weak), "shop", minted.agent().id()))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
            assertThat(enrollment.list(user(weak), "shop")).hasSize(1);
        }
        Caller owner = Caller.of(new Principal.User(UUID.randomUUID(), true, UUID.randomUUID()), null, null);
        assertThat(enrollment.mint(owner, "shop", "by-owner").agent().name()).isEqualTo("by-owner");
        assertThatThrownBy(() -> enrollment.list(user(UUID.randomUUID()), "shop"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThatThrownBy(() -> enrollment.mint(BY_ADMIN, "nowhere", "x"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThat(enrollment.authenticate(minted.token())).isPresent();
    }

    @Test
    void an_agent_token_can_neither_mint_nor_list_nor_revoke() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        Caller agent = Caller.of(new Principal.Agent(minted.agent().id(), project), "10.0.0.5", "python-httpx");
        assertThatThrownBy(() -> enrollment.mint(agent, "shop", "another"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThatThrownBy(() -> enrollment.list(agent, "shop"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThatThrownBy(() -> enrollment.revoke(agent, "billing", minted.agent().id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThat(db.auditRows()).hasSize(1);
    }

    @Test
    void the_list_shows_presence_and_a_never_connected_agent_as_unknown() {
        MintedCredential minted = enrollment.mint(BY_ADMIN, "shop", "worker-1");
        assertThat(enrollment.list(BY_ADMIN, "shop")).singleElement().satisfies(view -> {
            assertThat(view.status().state()).isEqualTo(AgentState.UNKNOWN);
            assertThat(view.status().protocolVersion()).isEqualTo("0");
            assertThat(view.agent()).isEqualTo(minted.agent());
        });
    }
}
