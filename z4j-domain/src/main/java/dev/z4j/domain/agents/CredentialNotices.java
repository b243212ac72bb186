package dev.z4j.domain.agents;

import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.system.ChangeFeed;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The credential service, telling live views when an agent was minted, rotated, revoked or deleted (after the change
 * committed; a refused change tells nothing).
 */
public final class CredentialNotices implements AgentCredentials {

    private final AgentCredentials credentials;
    private final ProjectAccess access;
    private final ChangeFeed changes;

    public CredentialNotices(AgentCredentials credentials, ProjectAccess access, ChangeFeed changes) {
        this.credentials = credentials;
        this.access = access;
        this.changes = changes;
    }

    @Override
    public MintedCredential mint(Caller caller, String projectSlug, String name) {
        return published(credentials.mint(caller, projectSlug, name));
    }

    @Override
    public MintedCredential rotate(Caller caller, String projectSlug, UUID agentId) {
        return published(credentials.rotate(caller, projectSlug, agentId));
    }

    @Override
    public boolean revoke(Caller caller, String projectSlug, UUID agentId) {
        boolean revoked = credentials.revoke(caller, projectSlug, agentId);
        if (revoked) {
            publish(caller, projectSlug);
        }
        return revoked;
    }

    @Override
    public void delete(Caller caller, String projectSlug, UUID agentId) {
        credentials.delete(caller, projectSlug, agentId);
        publish(caller, projectSlug);
    }

    @Override
    public List<AgentView> list(Caller caller, String projectSlug) {
        return credentials.list(caller, projectSlug);
    }

    @Override
    public Optional<AgentPrincipal> authenticate(String bearerToken) {
        return credentials.authenticate(bearerToken);
    }

    @Override
    public boolean isCurrent(AgentPrincipal principal) {
        return credentials.isCurrent(principal);
    }

    private MintedCredential published(MintedCredential minted) {
        changes.publish(minted.agent().projectId(), ChangeFeed.Topic.AGENT_CHANGED);
        return minted;
    }

    /** The caller just managed an agent there, so it may view the project's agents. */
    private void publish(Caller caller, String projectSlug) {
        changes.publish(access.authorize(caller, projectSlug, Action.AGENTS_VIEW).project().id(),
                ChangeFeed.Topic.AGENT_CHANGED);
    }
}
