package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's live credential: the keyed hash of its bearer token (never the token) and the generation it was minted
 * as. An agent has at most one; revoking deletes it.
 */
public record AgentToken(UUID agentId, String tokenHash, long generation, Instant issuedAt) {

    public AgentToken {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (tokenHash == null || !tokenHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("tokenHash must be 64 lowercase hex digits");
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1");
        }
    }
}
