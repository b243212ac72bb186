package dev.z4j.ports.agents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * In-port: agents' credentials. Every change commits together with its audit row ({@code agent.token.minted},
 * {@code agent.token.rotated}, {@code agent.token.revoked}, {@code agent.deleted}); after the commit, live sessions
 * of a credential that is no longer valid are closed through {@link AgentSessions}. Methods that name an agent take
 * its project too and throw {@link AgentNotFoundException} for an agent of another project.
 */
public interface AgentCredentials {

    /**
     * Creates an agent and its first credential.
     *
     * @throws InvalidAgentNameException for an empty, over-long or unprintable name
     * @throws AgentNameTakenException   when the project already has an agent of that name
     */
    MintedCredential mint(UUID projectId, String name, ChangeOrigin origin);

    /**
     * Mints a replacement on the same agent row: a new token and a new frame secret; the old credential, if any,
     * stops working at once. Also how a revoked agent is given a credential again.
     */
    MintedCredential rotate(UUID projectId, UUID agentId, ChangeOrigin origin);

    /** Removes the agent's credential and ends its sessions; the agent row and its history stay. False when it had none. */
    boolean revoke(UUID projectId, UUID agentId, ChangeOrigin origin);

    /** Removes the agent and its credential and ends its sessions. */
    void delete(UUID projectId, UUID agentId, ChangeOrigin origin);

    List<AgentView> list(UUID projectId);

    /** The agent a bearer token belongs to, if the token is a live credential. */
    Optional<AgentPrincipal> authenticate(String bearerToken);

    /** Whether the credential this principal authenticated with is still the agent's live one. */
    boolean isCurrent(AgentPrincipal principal);
}
