package dev.z4j.ports.agents;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What an agent reports about itself in its hello: versions, framework, engine and scheduler adapters. */
public record AgentInventory(String protocolVersion, String agentVersion, String framework, List<String> engines,
                             List<String> schedulers, Map<String, List<String>> capabilities,
                             Optional<String> hostName) {

    public AgentInventory {
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(framework, "framework");
        engines = List.copyOf(engines);
        schedulers = List.copyOf(schedulers);
        capabilities = Map.copyOf(capabilities);
        Objects.requireNonNull(hostName, "hostName");
    }
}
