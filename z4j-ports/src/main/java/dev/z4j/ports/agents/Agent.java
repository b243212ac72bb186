package dev.z4j.ports.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's identity row: it outlives its credentials (revoke removes the credential, not the agent), so the audit
 * trail keys on its stable UUID. {@code credentialGeneration} counts the credentials ever minted for it (1 at mint,
 * +1 per rotation); each generation has its own frame key, so a rotated or revoked credential's key never returns.
 */
public record Agent(UUID id, UUID projectId, String name, Instant createdAt, long credentialGeneration) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        if (credentialGeneration < 1) {
            throw new IllegalArgumentException("credentialGeneration starts at 1");
        }
    }
}
