package dev.z4j.domain.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.agents.AgentReplicas;
import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.commands.CommandReply;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.AgentSessionsEnded;
import dev.z4j.ports.system.ClusterNotice.CommandsWaiting;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ClusterAgentChannelTest {

    private final UUID project = UUID.randomUUID();
    private final UUID agent = UUID.randomUUID();
    private final Set<UUID> here = new HashSet<>();
    private final Map<UUID, Set<String>> holders = new HashMap<>();
    private final List<AgentCommand> sentHere = new CopyOnWriteArrayList<>();
    private final List<ClusterNotice> published = new CopyOnWriteArrayList<>();

    private final AgentChannel local = new AgentChannel() {
        @Override
        public boolean deliver(AgentCommand command) {
            if (here.contains(command.agentId())) {
                sentHere.add(command);
                return true;
            }
            return false;
        }

        @Override
        public boolean reachable(UUID agentId) {
            return here.contains(agentId);
        }
    };
    private final AgentReplicas replicas = new AgentReplicas() {
        @Override
        public void attach(UUID agentId) {
        }

        @Override
        public void detach(UUID agentId) {
        }

        @Override
        public Set<String> holders(UUID agentId) {
            return holders.getOrDefault(agentId, Set.of());
        }
    };
    private final ClusterBus bus = new ClusterBus() {
        @Override
        public void publish(ClusterNotice notice) {
            published.add(notice);
        }

        @Override
        public Subscription subscribe(Listener listener) {
            return () -> { };
        }
    };
    private final ClusterAgentChannel channel = new ClusterAgentChannel(local, replicas, bus);

    private AgentCommand command() {
        return new AgentCommand(UUID.randomUUID(), project, agent, "retry_task", "task", Optional.of("demo:t"),
                Map.of(), 60, Optional.empty());
    }

    @Test
    void a_command_for_an_agent_held_here_goes_out_here_and_nothing_is_published() {
        here.add(agent);
        AgentCommand command = command();
        assertThat(channel.deliver(command)).isTrue();
        assertThat(sentHere).containsExactly(command);
        assertThat(published).isEmpty();
        assertThat(channel.reachable(agent)).isTrue();
    }

    @Test
    void a_command_for_an_agent_held_elsewhere_stays_pending_and_the_holder_is_told() {
        holders.put(agent, Set.of("00000000000000b2"));
        assertThat(channel.reachable(agent)).isTrue();
        assertThat(channel.deliver(command())).as("not delivered here: it stays pending").isFalse();
        assertThat(published).containsExactly(new CommandsWaiting(project, agent));
    }

    @Test
    void an_agent_held_nowhere_is_unreachable_and_no_one_is_told() {
        assertThat(channel.reachable(agent)).isFalse();
        assertThat(channel.deliver(command())).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void the_replica_reaching_the_agent_pushes_its_pending_commands_at_once_and_once_more_later() throws Exception {
        List<String> ready = new CopyOnWriteArrayList<>();
        CommandFeedback feedback = new CommandFeedback() {
            @Override
            public void agentReady(UUID projectId, UUID agentId) {
                ready.add(projectId + "/" + agentId);
            }

            @Override
            public void acknowledged(UUID projectId, UUID agentId, UUID commandId) {
            }

            @Override
            public void finished(UUID projectId, UUID agentId, UUID commandId, CommandReply reply) {
            }
        };
        try (WaitingCommands waiting = new WaitingCommands(feedback, local)) {
            waiting.received(new CommandsWaiting(project, agent));
            waiting.received(new AgentSessionsEnded(agent, 1));
            here.add(agent);
            waiting.received(new CommandsWaiting(project, agent));

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (ready.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ready).as("only the notice for an agent reached here, twice")
                    .containsExactly(project + "/" + agent, project + "/" + agent);
        }
    }
}
