package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's liveness as last recorded: its state and what its last hello reported. Before the first connection the
 * protocol version is {@code "0"} and the framework {@code "unknown"}, as upstream shows them.
 */
public record AgentStatus(AgentState state, String protocolVersion, Optional<String> agentVersion, String framework,
                          List<String> engines, List<String> schedulers, Map<String, List<String>> capabilities,
                          Optional<String> hostName, Optional<Instant> lastSeenAt, Optional<Instant> lastConnectAt) {

    public AgentStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(framework, "framework");
        engines = List.copyOf(engines);
        schedulers = List.copyOf(schedulers);
        capabilities = Map.copyOf(capabilities);
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(lastConnectAt, "lastConnectAt");
    }

    /** An agent that never connected. */
    public static AgentStatus neverConnected() {
        return new AgentStatus(AgentState.UNKNOWN, "0", Optional.empty(), "unknown", List.of(), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
