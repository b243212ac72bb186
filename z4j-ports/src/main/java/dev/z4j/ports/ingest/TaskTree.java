package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tasks sharing one root (a workflow: chains, groups, chords), at most {@link #MAX_NODES}.
 *
 * @param truncated whether the root has more tasks than are shown
 */
public record TaskTree(String rootTaskId, List<Node> nodes, boolean truncated) {

    public static final int MAX_NODES = 500;

    public TaskTree {
        Objects.requireNonNull(rootTaskId, "rootTaskId");
        nodes = List.copyOf(nodes);
        if (nodes.size() > MAX_NODES) {
            throw new IllegalArgumentException("a tree shows at most " + MAX_NODES + " nodes");
        }
    }

    /** One task of the tree: enough to draw it and link to its detail. */
    public record Node(String engine, String taskId, Optional<String> name, TaskState state,
                       Optional<String> parentTaskId, Optional<String> rootTaskId, Optional<Instant> receivedAt,
                       Optional<Instant> finishedAt) {
        public Node {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(parentTaskId, "parentTaskId");
            Objects.requireNonNull(rootTaskId, "rootTaskId");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
        }
    }
}
