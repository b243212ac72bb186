package dev.z4j.domain.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectSlug;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.ChangeFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Agent changes reach live views after they happened, and refused ones never do. */
class CredentialNoticesTest {

    static final UUID PROJECT = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-05-13T10:00:00Z");

    final List<String> published = new ArrayList<>();
    boolean revokes = true;

    final ChangeFeed feed = new ChangeFeed() {
        @Override
        public void publish(UUID projectId, Topic topic) {
            published.add(projectId + " " + topic.wire());
        }

        @Override
        public Subscription subscribe(UUID projectId, Consumer<Topic> listener) {
            return () -> { };
        }
    };

    final ProjectAccess access = new ProjectAccess() {
        @Override
        public Grant authorize(Caller caller, String slug, Action action) {
            return new Grant(new Project(PROJECT, ProjectSlug.parse(slug), "Ops", Optional.empty(), "production", "UTC",
                    30, true, NOW, NOW), Optional.empty(), Set.of(action));
        }

        @Override
        public void require(Caller caller, Action action) {
        }

        @Override
        public Set<Action> permitted(Caller caller) {
            return Set.of();
        }
    };

    final AgentCredentials credentials = new AgentCredentials() {
        @Override
        public MintedCredential mint(Caller caller, String projectSlug, String name) {
            if (name.isEmpty()) {
                throw Refusal.invalid("invalid_name", "name required");
            }
            return new MintedCredential(new Agent(UUID.randomUUID(), PROJECT, name, NOW, 1), "token", "secret", NOW);
        }

        @Override
        public MintedCredential rotate(Caller caller, String projectSlug, UUID agentId) {
            return new MintedCredential(new Agent(agentId, PROJECT, "a", NOW, 2), "token", "secret", NOW);
        }

        @Override
        public boolean revoke(Caller caller, String projectSlug, UUID agentId) {
            return revokes;
        }

        @Override
        public void delete(Caller caller, String projectSlug, UUID agentId) {
        }

        @Override
        public List<AgentView> list(Caller caller, String projectSlug) {
            return List.of();
        }

        @Override
        public Optional<AgentPrincipal> authenticate(String bearerToken) {
            return Optional.empty();
        }

        @Override
        public boolean isCurrent(AgentPrincipal principal) {
            return true;
        }
    };

    final CredentialNotices notices = new CredentialNotices(credentials, access, feed);
    final Caller caller = Caller.cli("root");

    @Test
    void mint_rotate_revoke_and_delete_each_tell_the_project() {
        notices.mint(caller, "ops", "web");
        notices.rotate(caller, "ops", UUID.randomUUID());
        notices.revoke(caller, "ops", UUID.randomUUID());
        notices.delete(caller, "ops", UUID.randomUUID());

        assertThat(published).hasSize(4).containsOnly(PROJECT + " agent.changed");
    }

    @Test
    void nothing_is_told_of_a_refused_or_empty_change() {
        assertThatThrownBy(() -> notices.mint(caller, "ops", "")).isInstanceOf(Refusal.class);
        revokes = false;
        notices.revoke(caller, "ops", UUID.randomUUID());
        notices.list(caller, "ops");

        assertThat(published).isEmpty();
    }

    @Test
    void presence_tells_connects_and_disconnects_but_not_heartbeats() {
        List<String> calls = new ArrayList<>();
        AgentPresence presence = new AgentPresence() {
            @Override
            public void connected(AgentPrincipal agent, AgentInventory inventory, WorkerConnection worker,
                                  Instant connectedAt) {
                calls.add("connected");
            }

            @Override
            public void heartbeat(AgentPrincipal agent, String workerKey) {
                calls.add("heartbeat");
            }

            @Override
            public void disconnected(AgentPrincipal agent, String workerKey, Instant connectedAt,
                                     boolean lastSessionHere) {
                calls.add("disconnected");
            }

            @Override
            public void sweep() {
                calls.add("sweep");
            }

            @Override
            public Map<UUID, AgentStatus> statuses(UUID projectId) {
                return Map.of();
            }
        };
        PresenceNotices live = new PresenceNotices(presence, feed);
        AgentPrincipal agent = new AgentPrincipal(UUID.randomUUID(), PROJECT, 1, new byte[32]);
        AgentInventory inventory = new AgentInventory("2", "1.0", "django", List.of("celery"), List.of(), Map.of(),
                Optional.empty());

        live.connected(agent, inventory, new WorkerConnection("w", Optional.empty(), Optional.empty(),
                Optional.empty()), NOW);
        live.heartbeat(agent, "w");
        live.sweep();
        live.disconnected(agent, "w", NOW, true);

        assertThat(calls).containsExactly("connected", "heartbeat", "sweep", "disconnected");
        assertThat(published).containsExactly(PROJECT + " agent.changed", PROJECT + " agent.changed");
    }
}
