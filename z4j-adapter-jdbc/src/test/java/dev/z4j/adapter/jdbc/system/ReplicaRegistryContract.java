package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.agents.JdbcAgentReplicas;
import dev.z4j.adapter.jdbc.agents.JdbcAgentStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.system.Replica;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of the {@code ReplicaRegistry} and {@code AgentReplicas} out-ports, run on each database. */
abstract class ReplicaRegistryContract {

    static final Instant T0 = Instant.parse("2026-05-13T10:00:00.000001Z");

    Database database;
    JdbcReplicaRegistry registry;
    UUID agent;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        registry = new JdbcReplicaRegistry(database);
        UUID project = TestDatabases.insertProject(database, "alpha", T0);
        agent = UUID.randomUUID();
        new JdbcAgentStore(database).insert(new Agent(agent, project, "worker-1", T0, 1));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    static Replica replica(String id, Instant seen, boolean leader) {
        return new Replica(id, "host-" + id.charAt(15), 8000, 4242, "1.0.0", "0123456789abcdef", T0, seen, leader);
    }

    @Test
    void a_heartbeat_inserts_then_refreshes_the_row_and_only_recent_rows_are_listed() {
        registry.heartbeat(replica("00000000000000a1", T0, false));
        registry.heartbeat(replica("00000000000000b2", T0.plusSeconds(1), false));
        registry.heartbeat(replica("00000000000000a1", T0.plusSeconds(20), true));

        assertThat(registry.seenSince(T0)).containsExactly(replica("00000000000000a1", T0.plusSeconds(20), true),
                replica("00000000000000b2", T0.plusSeconds(1), false));
        assertThat(registry.seenSince(T0.plusSeconds(2))).extracting(Replica::id).containsExactly("00000000000000a1");
    }

    @Test
    void forgetting_removes_the_silent_and_leaving_removes_one() {
        registry.heartbeat(replica("00000000000000a1", T0, false));
        registry.heartbeat(replica("00000000000000b2", T0.plusSeconds(60), false));
        registry.heartbeat(replica("00000000000000c3", T0.plusSeconds(60), false));

        assertThat(registry.forgetUnseenSince(T0.plusSeconds(1))).isEqualTo(1);
        registry.leave("00000000000000b2");
        assertThat(registry.seenSince(Instant.EPOCH)).extracting(Replica::id).containsExactly("00000000000000c3");
    }

    @Test
    void holders_are_the_live_replicas_that_attached_the_agent() {
        Clock now = Clock.fixed(T0.plusSeconds(100), ZoneOffset.UTC);
        registry.heartbeat(replica("00000000000000a1", T0.plusSeconds(95), false));
        registry.heartbeat(replica("00000000000000b2", T0.plusSeconds(60), false));
        JdbcAgentReplicas a = new JdbcAgentReplicas(database, "00000000000000a1", now);
        JdbcAgentReplicas b = new JdbcAgentReplicas(database, "00000000000000b2", now);
        JdbcAgentReplicas unregistered = new JdbcAgentReplicas(database, "00000000000000c3", now);

        a.attach(agent);
        a.attach(agent);
        b.attach(agent);
        unregistered.attach(agent);
        assertThat(a.holders(agent)).as("b was last seen 40 s ago: presumed dead").containsExactly("00000000000000a1");

        registry.heartbeat(replica("00000000000000b2", T0.plusSeconds(99), false));
        assertThat(b.holders(agent)).containsExactly("00000000000000a1", "00000000000000b2");

        a.detach(agent);
        registry.leave("00000000000000b2");
        assertThat(a.holders(agent)).isEmpty();
    }
}
