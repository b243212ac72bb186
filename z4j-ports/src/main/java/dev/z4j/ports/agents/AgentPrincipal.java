package dev.z4j.ports.agents;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent authenticated by its bearer token: who it is, which project it belongs to, which credential generation
 * it presented, and that generation's frame key (HMAC-SHA256 key for protocol v2 frames in both directions).
 */
public final class AgentPrincipal {

    private final UUID agentId;
    private final UUID projectId;
    private final long generation;
    private final byte[] frameKey;

    public AgentPrincipal(UUID agentId, UUID projectId, long generation, byte[] frameKey) {
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.projectId = Objects.requireNonNull(projectId, "projectId");
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1");
        }
        this.generation = generation;
        if (frameKey == null || frameKey.length < 32) {
            throw new IllegalArgumentException("a frame key has at least 32 bytes");
        }
        this.frameKey = frameKey.clone();
    }

    public UUID agentId() {
        return agentId;
    }

    public UUID projectId() {
        return projectId;
    }

    public long generation() {
        return generation;
    }

    public byte[] frameKey() {
        return frameKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentPrincipal p && p.agentId.equals(agentId) && p.projectId.equals(projectId)
                && p.generation == generation && Arrays.equals(p.frameKey, frameKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(agentId, projectId, generation);
    }

    @Override
    public String toString() {
        return "AgentPrincipal[agent=" + agentId + ", project=" + projectId + ", generation=" + generation + "]";
    }
}
