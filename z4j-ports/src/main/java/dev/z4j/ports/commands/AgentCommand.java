package dev.z4j.ports.commands;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A command on its way to an agent, as the {@code command} frame carries it: the command id is the frame id,
 * {@code parameters} a JSON object (values as in {@link dev.z4j.ports.ingest.EventBatch}).
 *
 * @param issuedBy the user who issued it, if a user did
 */
public record AgentCommand(UUID id, UUID projectId, UUID agentId, String action, String targetType,
                           Optional<String> targetId, Map<String, Object> parameters, int timeoutSeconds,
                           Optional<UUID> issuedBy) {

    public AgentCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(issuedBy, "issuedBy");
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("timeoutSeconds must be in 1..3600");
        }
    }
}
