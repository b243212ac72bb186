package dev.z4j.ports.agents;

import dev.z4j.ports.identity.Caller;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * In-port: agents' credentials. The operator methods authorize the caller in the project named by its slug
 * ({@code AGENTS_MANAGE}: project admins and owners; {@code AGENTS_VIEW} to list) and commit each change together
 * with its audit row ({@code agent.token.minted}, {@code agent.token.rotated}, {@code agent.token.revoked},
 * {@code agent.deleted}, by the caller); after the commit, live sessions of a credential that is no longer valid are
 * closed through {@link AgentSessions}.
 *
 * <p>Refusals ({@link dev.z4j.ports.support.Refusal}): the project's (unauthenticated, not found, forbidden);
 * NOT_FOUND {@code agent_not_found} for an agent that is not in that project; INVALID {@code agent_name_invalid};
 * CONFLICT {@code agent_name_taken}.
 */
public interface AgentCredentials {

    /** Creates an agent and its first credential. */
    MintedCredential mint(Caller caller, String projectSlug, String name);

    /**
     * Mints a replacement on the same agent row: a new token and a new frame secret; the old credential, if any,
     * stops working at once. Also how a revoked agent is given a credential again.
     */
    MintedCredential rotate(Caller caller, String projectSlug, UUID agentId);

    /** Removes the agent's credential and ends its sessions; the agent row and its history stay. False when it had none. */
    boolean revoke(Caller caller, String projectSlug, UUID agentId);

    /** Removes the agent and its credential and ends its sessions. */
    void delete(Caller caller, String projectSlug, UUID agentId);

    /** The project's agents, oldest first, with their credential and presence. */
    List<AgentView> list(Caller caller, String projectSlug);

    /** The agent a bearer token belongs to, if the token is a live credential. */
    Optional<AgentPrincipal> authenticate(String bearerToken);

    /** Whether the credential this principal authenticated with is still the agent's live one. */
    boolean isCurrent(AgentPrincipal principal);
}
