package dev.z4j.domain.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.agents.AgentSessions;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.AgentSessionsEnded;
import dev.z4j.ports.system.ClusterNotice.CommandsWaiting;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterAgentSessionsTest {

    private final List<String> closedHere = new ArrayList<>();
    private final List<ClusterNotice> published = new ArrayList<>();
    private final AgentSessions local = (agent, generation) -> closedHere.add(agent + " through " + generation);
    private final ClusterBus bus = new ClusterBus() {
        @Override
        public void publish(ClusterNotice notice) {
            assertThat(closedHere).as("this replica's sessions close before the others are told").isNotEmpty();
            published.add(notice);
        }

        @Override
        public Subscription subscribe(Listener listener) {
            return () -> { };
        }
    };
    private final ClusterAgentSessions sessions = new ClusterAgentSessions(local, bus);
    private final UUID agent = UUID.randomUUID();

    @Test
    void ending_sessions_closes_those_here_then_tells_the_other_replicas() {
        sessions.terminate(agent, 3);
        assertThat(closedHere).containsExactly(agent + " through 3");
        assertThat(published).containsExactly(new AgentSessionsEnded(agent, 3));
    }

    @Test
    void a_notice_from_another_replica_closes_the_sessions_held_here_without_publishing_again() {
        sessions.received(new AgentSessionsEnded(agent, Long.MAX_VALUE));
        sessions.received(new CommandsWaiting(UUID.randomUUID(), agent));
        assertThat(closedHere).containsExactly(agent + " through " + Long.MAX_VALUE);
        assertThat(published).isEmpty();
    }
}
