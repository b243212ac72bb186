package dev.z4j.adapter.jdbc.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.agents.AgentToken;
import dev.z4j.ports.support.Refusal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the {@code AgentStore} and {@code AgentTokenStore} out-ports, run on each database. */
abstract class AgentStoresContract {

    Database database;
    JdbcAgentStore agents;
    JdbcAgentTokenStore tokens;
    UUID project;
    UUID otherProject;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        agents = new JdbcAgentStore(database);
        tokens = new JdbcAgentTokenStore(database);
        project = insertProject("alpha");
        otherProject = insertProject("beta");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private UUID insertProject(String slug) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        database.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                        + "VALUES (:id, :slug, 'P', :active, :now, :now)")
                .bind("id", id).bind("slug", slug).bind("active", true).bind("now", now).execute());
        return id;
    }

    private Agent agent(UUID projectId, String name, String createdAt) {
        return new Agent(UUID.randomUUID(), projectId, name, Instant.parse(createdAt), 1);
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void an_agent_reads_back_as_written_to_the_microsecond() {
        Agent agent = agent(project, "wörker ☃", "2026-05-13T10:00:00.123456Z");
        agents.insert(agent);
        assertThat(agents.find(agent.id())).contains(agent);
        assertThat(agents.findByName(project, "wörker ☃")).contains(agent);
        assertThat(agents.findByName(otherProject, "wörker ☃")).isEmpty();
        assertThat(agents.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void names_are_unique_per_project() {
        agents.insert(agent(project, "worker-1", "2026-05-13T10:00:00Z"));
        assertThatThrownBy(() -> agents.insert(agent(project, "worker-1", "2026-05-13T10:00:01Z")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo("agent_name_taken"));
        agents.insert(agent(otherProject, "worker-1", "2026-05-13T10:00:02Z"));
        agents.insert(agent(project, "Worker-1", "2026-05-13T10:00:03Z"));
        assertThat(agents.listByProject(project)).extracting(Agent::name).containsExactly("worker-1", "Worker-1");
    }

    @Test
    void a_project_lists_only_its_agents_oldest_first() {
        Agent second = agent(project, "b", "2026-05-13T10:00:02Z");
        Agent first = agent(project, "a", "2026-05-13T10:00:01Z");
        agents.insert(second);
        agents.insert(first);
        agents.insert(agent(otherProject, "c", "2026-05-13T10:00:00Z"));
        assertThat(agents.listByProject(project)).containsExactly(first, second);
    }

    @Test
    void the_credential_generation_only_moves_forward() {
        Agent agent = agent(project, "worker-1", "2026-05-13T10:00:00Z");
        agents.insert(agent);
        assertThat(agents.advanceCredentialGeneration(agent.id())).isEqualTo(2);
        assertThat(agents.advanceCredentialGeneration(agent.id())).isEqualTo(3);
        assertThat(agents.find(agent.id())).map(Agent::credentialGeneration).contains(3L);
        assertThatThrownBy(() -> agents.advanceCredentialGeneration(UUID.randomUUID()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_agent_needs_an_existing_project() {
        assertThatThrownBy(() -> agents.insert(agent(UUID.randomUUID(), "orphan", "2026-05-13T10:00:00Z")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_credential_is_found_by_its_hash_and_by_its_agent() {
        Agent agent = agent(project, "worker-1", "2026-05-13T10:00:00Z");
        agents.insert(agent);
        AgentToken token = new AgentToken(agent.id(), hash('a'), 1, Instant.parse("2026-05-13T10:00:00.000001Z"));
        tokens.replace(token);
        assertThat(tokens.findByHash(hash('a'))).contains(token);
        assertThat(tokens.findForAgent(agent.id())).contains(token);
        assertThat(tokens.findByHash(hash('b'))).isEmpty();
    }

    @Test
    void replacing_a_credential_leaves_only_the_new_one() {
        Agent agent = agent(project, "worker-1", "2026-05-13T10:00:00Z");
        agents.insert(agent);
        tokens.replace(new AgentToken(agent.id(), hash('a'), 1, Instant.parse("2026-05-13T10:00:00Z")));
        AgentToken rotated = new AgentToken(agent.id(), hash('b'), 2, Instant.parse("2026-05-13T11:00:00Z"));
        tokens.replace(rotated);
        assertThat(tokens.findByHash(hash('a'))).isEmpty();
        assertThat(tokens.findForAgent(agent.id())).contains(rotated);
    }

    @Test
    void revoking_removes_the_credential_and_keeps_the_agent() {
        Agent agent = agent(project, "worker-1", "2026-05-13T10:00:00Z");
        agents.insert(agent);
        tokens.replace(new AgentToken(agent.id(), hash('a'), 1, Instant.parse("2026-05-13T10:00:00Z")));
        assertThat(tokens.deleteForAgent(agent.id())).isTrue();
        assertThat(tokens.deleteForAgent(agent.id())).isFalse();
        assertThat(tokens.findByHash(hash('a'))).isEmpty();
        assertThat(agents.find(agent.id())).contains(agent);
    }

    @Test
    void deleting_an_agent_deletes_its_credential() {
        Agent agent = agent(project, "worker-1", "2026-05-13T10:00:00Z");
        agents.insert(agent);
        tokens.replace(new AgentToken(agent.id(), hash('a'), 1, Instant.parse("2026-05-13T10:00:00Z")));
        assertThat(agents.delete(agent.id())).isTrue();
        assertThat(agents.delete(agent.id())).isFalse();
        assertThat(tokens.findByHash(hash('a'))).isEmpty();
    }

    @Test
    void two_agents_cannot_share_a_token_hash_and_a_credential_needs_its_agent() {
        Agent one = agent(project, "one", "2026-05-13T10:00:00Z");
        Agent two = agent(project, "two", "2026-05-13T10:00:00Z");
        agents.insert(one);
        agents.insert(two);
        tokens.replace(new AgentToken(one.id(), hash('a'), 1, Instant.now()));
        assertThatThrownBy(() -> tokens.replace(new AgentToken(two.id(), hash('a'), 1, Instant.now())))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> tokens.replace(new AgentToken(UUID.randomUUID(), hash('c'), 1, Instant.now())))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void writes_in_a_transaction_that_fails_leave_nothing_behind() {
        Agent agent = agent(project, "worker-1", "2026-05-13T10:00:00Z");
        assertThatThrownBy(() -> database.inTransaction(() -> {
            agents.insert(agent);
            tokens.replace(new AgentToken(agent.id(), hash('a'), 1, Instant.now()));
            throw new IllegalStateException("audit failed");
        })).hasMessage("audit failed");
        assertThat(agents.find(agent.id())).isEmpty();
        assertThat(tokens.findByHash(hash('a'))).isEmpty();
    }
}
