package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.Objects;

/**
 * A fresh credential, returned exactly once: the bearer token ({@code z4j_agent_…}) and the frame signing secret
 * ({@code hmac_secret}, urlsafe base64 with padding, what the agent takes as {@code Z4J_HMAC_SECRET}). Neither is
 * stored; {@link #toString()} shows neither.
 */
public record MintedCredential(Agent agent, String token, String hmacSecret, Instant issuedAt) {

    public MintedCredential {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(hmacSecret, "hmacSecret");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    @Override
    public String toString() {
        return "MintedCredential[agent=" + agent.id() + ", generation=" + agent.credentialGeneration() + "]";
    }
}
