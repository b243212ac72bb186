package dev.z4j.domain.agents;

import dev.z4j.domain.support.KeyedHash;
import dev.z4j.ports.system.Secret;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The keys behind an agent's credential, all derived from {@code Z4J_SECRET} and never stored.
 *
 * <p>Upstream signs every agent of a project with one project secret,
 * {@code HMAC-SHA256(Z4J_SECRET, "z4j-project-secret-v1:" ‖ project.bytes_le)}. We keep that derivation as the
 * middle of a hierarchy and go one step further, per agent and per credential generation:
 * {@code frame key = HMAC-SHA256(project secret, "z4j-agent-frame-key-v1:" ‖ agent.bytes_le ‖ generation as 8
 * big-endian bytes)}. So one agent's key says nothing about another's, and a rotated or revoked credential's key
 * never comes back.
 */
public final class FrameKeys {

    static final String PROJECT_LABEL = "z4j-project-secret-v1:";
    static final String AGENT_LABEL = "z4j-agent-frame-key-v1:";
    static final String TOKEN_HASH_LABEL = "z4j-agent-token-v1";

    private FrameKeys() {
    }

    public static byte[] projectSecret(Secret master, UUID projectId) {
        return KeyedHash.hmacSha256(master.bytes(), concat(PROJECT_LABEL.getBytes(StandardCharsets.US_ASCII),
                bytesLe(projectId)));
    }

    public static byte[] frameKey(Secret master, UUID projectId, UUID agentId, long generation) {
        byte[] message = concat(AGENT_LABEL.getBytes(StandardCharsets.US_ASCII), bytesLe(agentId),
                ByteBuffer.allocate(Long.BYTES).putLong(generation).array());
        return KeyedHash.hmacSha256(projectSecret(master, projectId), message);
    }

    /** How the agent is given its frame key ({@code Z4J_HMAC_SECRET}): urlsafe base64 with padding. */
    public static String hmacSecretText(byte[] frameKey) {
        return Base64.getUrlEncoder().encodeToString(frameKey);
    }

    /** The stored form of a bearer token: HMAC-SHA256 keyed by the secret followed by a label, as upstream. */
    public static String tokenHash(Secret master, String token) {
        return KeyedHash.labelledHex(master.bytes(), TOKEN_HASH_LABEL, token);
    }

    /** Python's {@code uuid.bytes_le}: the first three fields little-endian, the last eight bytes as they are. */
    static byte[] bytesLe(UUID id) {
        ByteBuffer big = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        byte[] b = big.array();
        ByteBuffer out = ByteBuffer.allocate(16);
        out.order(ByteOrder.LITTLE_ENDIAN)
                .putInt(ByteBuffer.wrap(b, 0, 4).getInt())
                .putShort(ByteBuffer.wrap(b, 4, 2).getShort())
                .putShort(ByteBuffer.wrap(b, 6, 2).getShort());
        out.put(b, 8, 8);
        return out.array();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
