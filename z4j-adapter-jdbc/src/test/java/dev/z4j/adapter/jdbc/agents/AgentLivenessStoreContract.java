package dev.z4j.adapter.jdbc.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentLivenessStore.Seen;
import dev.z4j.ports.agents.AgentState;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.WorkerConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the {@code AgentLivenessStore} out-port, run on each database. */
abstract class AgentLivenessStoreContract {

    static final Instant T0 = Instant.parse("2026-05-13T10:00:00.000001Z");
    static final AgentInventory CELERY = new AgentInventory("2", "1.6.0", "django", List.of("celery"),
            List.of("celery-beat"), Map.of("celery", List.of("cancel_task", "retry_task"), "celery-beat", List.of()),
            Optional.of("web-1"));
    static final WorkerConnection WORKER = new WorkerConnection("django-42-1795924363422", Optional.of("task"),
            Optional.of(42L), Optional.of("2026-05-13T09:59:00.000000Z"));

    Database database;
    JdbcAgentLivenessStore liveness;
    UUID project;
    UUID agent;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        liveness = new JdbcAgentLivenessStore(database);
        project = TestDatabases.insertProject(database, "alpha", T0);
        agent = insertAgent("worker-1");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private UUID insertAgent(String name) {
        UUID id = UUID.randomUUID();
        new JdbcAgentStore(database).insert(new Agent(id, project, name, T0, 1));
        return id;
    }

    private AgentStatus status() {
        return liveness.statuses(project).get(agent);
    }

    private String workerState(String workerKey) {
        return database.read(h -> h.createQuery("SELECT state FROM agent_workers WHERE agent_id = :a AND worker_id = :w")
                .bind("a", agent).bind("w", workerKey).mapTo(String.class).one());
    }

    @Test
    void a_minted_agent_has_never_connected() {
        AgentStatus status = status();
        assertThat(status.state()).isEqualTo(AgentState.UNKNOWN);
        assertThat(status.protocolVersion()).isEqualTo("0");
        assertThat(status.framework()).isEqualTo("unknown");
        assertThat(status.engines()).isEmpty();
        assertThat(status.lastSeenAt()).isEmpty();
        assertThat(status.lastConnectAt()).isEmpty();
    }

    @Test
    void a_connect_records_presence_inventory_and_the_worker() {
        liveness.recordConnect(agent, project, CELERY, WORKER, T0);

        AgentStatus status = status();
        assertThat(status.state()).isEqualTo(AgentState.ONLINE);
        assertThat(status.protocolVersion()).isEqualTo("2");
        assertThat(status.agentVersion()).contains("1.6.0");
        assertThat(status.framework()).isEqualTo("django");
        assertThat(status.engines()).containsExactly("celery");
        assertThat(status.schedulers()).containsExactly("celery-beat");
        assertThat(status.capabilities()).isEqualTo(CELERY.capabilities());
        assertThat(status.hostName()).contains("web-1");
        assertThat(status.lastSeenAt()).contains(T0);
        assertThat(status.lastConnectAt()).contains(T0);
        assertThat(workerState(WORKER.workerKey())).isEqualTo("online");
    }

    @Test
    void an_agent_run_from_source_does_not_overwrite_a_real_version() {
        liveness.recordConnect(agent, project, CELERY, WORKER, T0);
        AgentInventory fromSource = new AgentInventory("2", "0.0.0", "bare", List.of(), List.of(), Map.of(), Optional.empty());
        liveness.recordConnect(agent, project, fromSource, WORKER, T0.plusSeconds(1));
        assertThat(status().agentVersion()).contains("1.6.0");
        assertThat(status().framework()).isEqualTo("bare");
        assertThat(status().hostName()).isEmpty();
    }

    @Test
    void heartbeats_move_last_seen_forward_only_and_bring_an_agent_back_online() {
        liveness.recordConnect(agent, project, CELERY, WORKER, T0);
        liveness.markSilentOffline(T0.plusSeconds(1));
        assertThat(status().state()).isEqualTo(AgentState.OFFLINE);

        liveness.recordSeen(List.of(new Seen(agent, WORKER.workerKey(), T0.plusSeconds(20))));
        liveness.recordSeen(List.of(new Seen(agent, WORKER.workerKey(), T0.plusSeconds(10))));

        assertThat(status().state()).isEqualTo(AgentState.ONLINE);
        assertThat(status().lastSeenAt()).contains(T0.plusSeconds(20));
        assertThat(workerState(WORKER.workerKey())).isEqualTo("online");
    }

    @Test
    void only_agents_silent_past_the_cutoff_go_offline() {
        UUID quiet = agent;
        UUID chatty = insertAgent("worker-2");
        liveness.recordConnect(quiet, project, CELERY, WORKER, T0);
        liveness.recordConnect(chatty, project, CELERY, WORKER, T0);
        liveness.recordSeen(List.of(new Seen(chatty, WORKER.workerKey(), T0.plusSeconds(35))));

        assertThat(liveness.markSilentOffline(T0.plusSeconds(30))).isEqualTo(1);

        assertThat(liveness.statuses(project).get(quiet).state()).isEqualTo(AgentState.OFFLINE);
        assertThat(liveness.statuses(project).get(chatty).state()).isEqualTo(AgentState.ONLINE);
        assertThat(liveness.markSilentOffline(T0.plusSeconds(30))).isZero();
    }

    @Test
    void a_disconnect_takes_the_worker_offline_and_the_agent_only_when_asked_and_not_reconnected_since() {
        liveness.recordConnect(agent, project, CELERY, WORKER, T0);
        liveness.recordDisconnect(agent, WORKER.workerKey(), T0, false);
        assertThat(workerState(WORKER.workerKey())).isEqualTo("offline");
        assertThat(status().state()).isEqualTo(AgentState.ONLINE);

        liveness.recordConnect(agent, project, CELERY, WORKER, T0.plusSeconds(5));
        liveness.recordDisconnect(agent, WORKER.workerKey(), T0, true);
        assertThat(status().state()).as("a late close of the older session").isEqualTo(AgentState.ONLINE);
        assertThat(workerState(WORKER.workerKey())).isEqualTo("online");

        liveness.recordDisconnect(agent, WORKER.workerKey(), T0.plusSeconds(5), true);
        assertThat(status().state()).isEqualTo(AgentState.OFFLINE);
    }

    @Test
    void agents_online_counts_the_agents_recorded_online() {
        JdbcAgentsOnline online = new JdbcAgentsOnline(database);
        assertThat(online.count()).hasValue(0);
        UUID other = insertAgent("worker-2");
        liveness.recordConnect(agent, project, CELERY, WORKER, T0);
        liveness.recordConnect(other, project, CELERY, WORKER, T0.plusSeconds(40));
        assertThat(online.count()).hasValue(2);
        liveness.markSilentOffline(T0.plusSeconds(30));
        assertThat(online.count()).hasValue(1);
    }

    @Test
    void a_legacy_agent_has_one_worker_slot_with_an_empty_key() {
        WorkerConnection legacy = new WorkerConnection("", Optional.empty(), Optional.empty(), Optional.empty());
        liveness.recordConnect(agent, project, CELERY, legacy, T0);
        liveness.recordConnect(agent, project, CELERY, legacy, T0.plusSeconds(1));
        assertThat(workerState("")).isEqualTo("online");
        long workers = database.read(h -> h.createQuery("SELECT COUNT(*) FROM agent_workers WHERE agent_id = :a")
                .bind("a", agent).mapTo(Long.class).one());
        assertThat(workers).isEqualTo(1);
    }
}
