package dev.z4j.domain.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentLivenessStore;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentReplicas;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.domain.testing.MutableClock;
import dev.z4j.ports.system.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AgentLivenessTest {

    private static final Instant T0 = Instant.parse("2026-05-13T10:00:00Z");

    private final RecordingStore store = new RecordingStore();
    private final MutableClock clock = new MutableClock(T0);
    private final Transactions direct = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };
    private final Holders holders = new Holders();
    private boolean leader = true;
    private final AgentLiveness liveness = new AgentLiveness(store, holders, direct, () -> leader, clock,
            Duration.ofSeconds(30));
    private final AgentPrincipal agent = new AgentPrincipal(UUID.randomUUID(), UUID.randomUUID(), 1, new byte[32]);

    @Test
    void a_connect_is_written_at_once_with_the_inventory_and_worker() {
        AgentInventory inventory = new AgentInventory("2", "1.6.0", "bare", List.of("demo"), List.of(), Map.of(),
                Optional.empty());
        WorkerConnection worker = new WorkerConnection("w1", Optional.empty(), Optional.of(7L), Optional.empty());
        liveness.connected(agent, inventory, worker, T0.plusNanos(1234));
        assertThat(store.calls).containsExactly("connect " + agent.agentId() + " w1 " + T0.plusNanos(1000));
        assertThat(holders.holders(agent.agentId())).as("this replica holds the agent").containsExactly(Holders.HERE);
    }

    @Test
    void the_last_session_here_releases_the_agent_and_takes_it_offline_only_when_no_other_replica_holds_it() {
        liveness.connected(agent, inventory(), worker("w1"), T0);
        liveness.disconnected(agent, "w1", T0, false);
        assertThat(holders.holders(agent.agentId())).as("another session still here").containsExactly(Holders.HERE);

        holders.elsewhere.add("0000000000000b0b");
        liveness.disconnected(agent, "w2", T0, true);
        assertThat(holders.holders(agent.agentId())).containsExactly("0000000000000b0b");
        assertThat(store.calls).endsWith("disconnect w1 last=false", "disconnect w2 last=false");

        holders.elsewhere.clear();
        liveness.connected(agent, inventory(), worker("w3"), T0);
        liveness.disconnected(agent, "w3", T0, true);
        assertThat(store.calls).last().isEqualTo("disconnect w3 last=true");
        assertThat(holders.holders(agent.agentId())).isEmpty();
    }

    @Test
    void a_replica_that_does_not_lead_writes_its_heartbeats_but_leaves_the_offline_sweep_to_the_leader() {
        leader = false;
        liveness.heartbeat(agent, "w1");
        liveness.sweep();
        assertThat(store.calls).containsExactly("seen 1");

        leader = true;
        liveness.sweep();
        assertThat(store.calls).containsExactly("seen 1", "silent before " + T0.minusSeconds(30));
    }

    private static AgentInventory inventory() {
        return new AgentInventory("2", "1.6.0", "bare", List.of("demo"), List.of(), Map.of(), Optional.empty());
    }

    private static WorkerConnection worker(String key) {
        return new WorkerConnection(key, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void heartbeats_are_written_by_the_sweep_once_per_worker_with_the_latest_time() {
        liveness.heartbeat(agent, "w1");
        clock.advance(Duration.ofSeconds(3));
        liveness.heartbeat(agent, "w1");
        liveness.heartbeat(agent, "w2");
        assertThat(store.calls).isEmpty();

        liveness.sweep();

        assertThat(store.seen).containsExactlyInAnyOrder(
                new AgentLivenessStore.Seen(agent.agentId(), "w1", T0.plusSeconds(3)),
                new AgentLivenessStore.Seen(agent.agentId(), "w2", T0.plusSeconds(3)));
        assertThat(store.calls).containsExactly("seen 2", "silent before " + T0.plusSeconds(3).minusSeconds(30));

        liveness.sweep();
        assertThat(store.calls).containsExactly("seen 2", "silent before " + T0.plusSeconds(3).minusSeconds(30),
                "silent before " + T0.plusSeconds(3).minusSeconds(30));
    }

    @Test
    void a_disconnect_drops_the_workers_pending_heartbeat() {
        liveness.heartbeat(agent, "w1");
        liveness.disconnected(agent, "w1", T0, true);
        liveness.sweep();
        assertThat(store.seen).isEmpty();
        assertThat(store.calls).first().isEqualTo("disconnect w1 last=true");
    }

    @Test
    void heartbeats_survive_a_failed_sweep_for_the_next_one() {
        liveness.heartbeat(agent, "w1");
        store.failNext = true;
        assertThatThrownBy(liveness::sweep).hasMessage("database down");
        liveness.sweep();
        assertThat(store.seen).containsExactly(new AgentLivenessStore.Seen(agent.agentId(), "w1", T0));
    }

    /** This replica's agents, plus replicas elsewhere said to hold every agent. */
    private static final class Holders implements AgentReplicas {
        static final String HERE = "000000000000a0a0";
        final Set<UUID> here = new HashSet<>();
        final Set<String> elsewhere = new HashSet<>();

        @Override
        public void attach(UUID agentId) {
            here.add(agentId);
        }

        @Override
        public void detach(UUID agentId) {
            here.remove(agentId);
        }

        @Override
        public Set<String> holders(UUID agentId) {
            Set<String> all = new HashSet<>(elsewhere);
            if (here.contains(agentId)) {
                all.add(HERE);
            }
            return all;
        }
    }

    private static final class RecordingStore implements AgentLivenessStore {
        final List<String> calls = new ArrayList<>();
        final List<Seen> seen = new ArrayList<>();
        boolean failNext;

        @Override
        public void recordConnect(UUID agentId, UUID projectId, AgentInventory inventory, WorkerConnection worker,
                                  Instant at) {
            calls.add("connect " + agentId + " " + worker.workerKey() + " " + at);
        }

        @Override
        public void recordSeen(Collection<Seen> batch) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("database down");
            }
            calls.add("seen " + batch.size());
            seen.addAll(batch);
        }

        @Override
        public void recordDisconnect(UUID agentId, String workerKey, Instant connectedAt, boolean agentOffline) {
            calls.add("disconnect " + workerKey + " last=" + agentOffline);
        }

        @Override
        public int markSilentOffline(Instant cutoff) {
            calls.add("silent before " + cutoff);
            return 0;
        }

        @Override
        public Map<UUID, AgentStatus> statuses(UUID projectId) {
            return Map.of();
        }
    }
}
