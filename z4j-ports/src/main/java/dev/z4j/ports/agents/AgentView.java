package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An agent as listed to operators: its identity and when its live credential was issued (empty once revoked). */
public record AgentView(Agent agent, Optional<Instant> credentialIssuedAt) {

    public AgentView {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(credentialIssuedAt, "credentialIssuedAt");
    }

    public boolean revoked() {
        return credentialIssuedAt.isEmpty();
    }
}
