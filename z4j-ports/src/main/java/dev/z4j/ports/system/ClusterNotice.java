package dev.z4j.ports.system;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What one brain replica tells the others over the {@link ClusterBus}. Notices are small and carry no secret: ids,
 * a credential generation, a topic name. Each says "look again" rather than carrying state, so a lost notice only
 * delays what its backstop then does (see each record).
 */
public sealed interface ClusterNotice {

    /**
     * An agent's credentials up to {@code throughGeneration} ended (revoke, rotate, delete): close its sessions of
     * those generations. Backstop: every heartbeat re-checks the session's credential.
     */
    record AgentSessionsEnded(UUID agentId, long throughGeneration) implements ClusterNotice {
        public AgentSessionsEnded {
            Objects.requireNonNull(agentId, "agentId");
            if (throughGeneration < 0) {
                throw new IllegalArgumentException("throughGeneration must not be negative");
            }
        }
    }

    /**
     * Commands wait for the agent: the replica holding its connection delivers its pending commands. Backstop: each
     * replica delivers the pending commands of the agents it holds when its bus reconnects and every reconcile period.
     */
    record CommandsWaiting(UUID projectId, UUID agentId) implements ClusterNotice {
        public CommandsWaiting {
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(agentId, "agentId");
        }
    }

    /** Live views of the project should re-read what {@code topic} names. Backstop: none needed (best effort). */
    record ProjectChanged(UUID projectId, String topic) implements ClusterNotice {
        private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9_.]{0,63}");

        public ProjectChanged {
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(topic, "topic");
            if (!TOPIC.matcher(topic).matches()) {
                throw new IllegalArgumentException("a topic is 1..64 of a-z, 0-9, '_' and '.', starting with a letter");
            }
        }
    }
}
