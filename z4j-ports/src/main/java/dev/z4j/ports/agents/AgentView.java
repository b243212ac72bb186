package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent as listed to operators: its identity, when its live credential was issued (empty once revoked), and its
 * presence as last recorded.
 */
public record AgentView(Agent agent, Optional<Instant> credentialIssuedAt, AgentStatus status) {

    public AgentView {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(credentialIssuedAt, "credentialIssuedAt");
        Objects.requireNonNull(status, "status");
    }

    public boolean revoked() {
        return credentialIssuedAt.isEmpty();
    }
}
