package dev.z4j.domain.commands;

import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice;
import dev.z4j.ports.system.ClusterNotice.CommandsWaiting;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end of {@link ClusterAgentChannel}: when another replica says commands wait for an agent this replica
 * reaches, its pending commands are claimed and pushed here, as when the agent connects. Once at once and once more
 * {@link #AGAIN_AFTER} later: the issuing replica puts a command it could not deliver back to pending just after it
 * sent the notice, so the first look may find it still claimed. Notices lost while the bus was disconnected are
 * replayed by the bus; an agent that reconnects gets its pending commands anyway.
 */
public final class WaitingCommands implements ClusterBus.Listener, AutoCloseable {

    static final Duration AGAIN_AFTER = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(WaitingCommands.class.getName());

    private final CommandFeedback feedback;
    private final AgentChannel local;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "z4j-waiting-commands");
        thread.setDaemon(true);
        return thread;
    });

    /** @param local this replica's connections: whether it reaches the agent */
    public WaitingCommands(CommandFeedback feedback, AgentChannel local) {
        this.feedback = feedback;
        this.local = local;
    }

    @Override
    public void received(ClusterNotice notice) {
        if (notice instanceof CommandsWaiting waiting && local.reachable(waiting.agentId())) {
            executor.execute(() -> push(waiting));
            executor.schedule(() -> push(waiting), AGAIN_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void push(CommandsWaiting waiting) {
        try {
            feedback.agentReady(waiting.projectId(), waiting.agentId());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not push the commands waiting for agent {0}: {1}",
                    waiting.agentId(), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
