package dev.z4j.domain.agents;

import dev.z4j.domain.support.RandomTokens;
import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentLivenessStore;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentSessions;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.AgentStore;
import dev.z4j.ports.agents.AgentToken;
import dev.z4j.ports.agents.AgentTokenStore;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.system.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints, rotates, revokes and deletes agent credentials, and authenticates bearer tokens.
 *
 * <p>A token is {@code z4j_agent_} + 32 random bytes in base64url (the prefix lets secret scanners find leaks),
 * stored only as a keyed hash under the current {@code Z4J_SECRET}. Tokens are looked up under the current secret
 * only: after {@code rotate-secret} every agent needs a new credential anyway, since its frame key derives from the
 * secret, and a clean 401 (long back-off on the agent) beats sessions that open and then fail every signature.
 */
public final class AgentEnrollment implements AgentCredentials {

    public static final String TOKEN_PREFIX = "z4j_agent_";
    static final int TOKEN_RANDOM_BYTES = 32;
    static final int MAX_NAME_LENGTH = 200;
    /** Longer than any token we mint; a longer bearer is refused before hashing. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private final AgentStore agents;
    private final AgentTokenStore tokens;
    private final AgentLivenessStore liveness;
    private final ProjectAccess access;
    private final AuditTrail audit;
    private final AgentSessions sessions;
    private final Transactions transactions;
    private final SecretKeys secrets;
    private final Clock clock;

    public AgentEnrollment(AgentStore agents, AgentTokenStore tokens, AgentLivenessStore liveness, ProjectAccess access,
                           AuditTrail audit, AgentSessions sessions, Transactions transactions, SecretKeys secrets,
                           Clock clock) {
        this.agents = agents;
        this.tokens = tokens;
        this.liveness = liveness;
        this.access = access;
        this.audit = audit;
        this.sessions = sessions;
        this.transactions = transactions;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public MintedCredential mint(Caller caller, String projectSlug, String name) {
        return transactions.inTransaction(() -> {
            UUID projectId = access.authorize(caller, projectSlug, Action.AGENTS_MANAGE).project().id();
            String cleanName = validName(name);
            if (agents.findByName(projectId, cleanName).isPresent()) {
                throw nameTaken(cleanName);
            }
            Agent agent = new Agent(UUID.randomUUID(), projectId, cleanName, now(), 1);
            agents.insert(agent);
            MintedCredential minted = issue(agent);
            record(caller, agent, "agent.token.minted");
            return minted;
        });
    }

    @Override
    public MintedCredential rotate(Caller caller, String projectSlug, UUID agentId) {
        MintedCredential minted = transactions.inTransaction(() -> {
            Agent current = managedAgent(caller, projectSlug, agentId);
            long generation = agents.advanceCredentialGeneration(agentId);
            Agent agent = new Agent(current.id(), current.projectId(), current.name(), current.createdAt(), generation);
            MintedCredential fresh = issue(agent);
            record(caller, agent, "agent.token.rotated");
            return fresh;
        });
        sessions.terminate(agentId, minted.agent().credentialGeneration() - 1);
        return minted;
    }

    @Override
    public boolean revoke(Caller caller, String projectSlug, UUID agentId) {
        boolean removed = transactions.inTransaction(() -> {
            Agent agent = managedAgent(caller, projectSlug, agentId);
            if (!tokens.deleteForAgent(agentId)) {
                return false;
            }
            record(caller, agent, "agent.token.revoked");
            return true;
        });
        sessions.terminate(agentId, Long.MAX_VALUE);
        return removed;
    }

    @Override
    public void delete(Caller caller, String projectSlug, UUID agentId) {
        transactions.inTransaction(() -> {
            Agent agent = managedAgent(caller, projectSlug, agentId);
            tokens.deleteForAgent(agentId);
            agents.delete(agentId);
            record(caller, agent, "agent.deleted");
        });
        sessions.terminate(agentId, Long.MAX_VALUE);
    }

    @Override
    public List<AgentView> list(Caller caller, String projectSlug) {
        return transactions.inTransaction(() -> {
            UUID projectId = access.authorize(caller, projectSlug, Action.AGENTS_VIEW).project().id();
            Map<UUID, AgentStatus> statuses = liveness.statuses(projectId);
            return agents.listByProject(projectId).stream()
                    .map(a -> new AgentView(a, tokens.findForAgent(a.id()).map(AgentToken::issuedAt),
                            statuses.getOrDefault(a.id(), AgentStatus.neverConnected())))
                    .toList();
        });
    }

    @Override
    public Optional<AgentPrincipal> authenticate(String bearerToken) {
        if (bearerToken == null || !bearerToken.startsWith(TOKEN_PREFIX) || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return tokens.findByHash(FrameKeys.tokenHash(secrets.current(), bearerToken))
                .flatMap(token -> agents.find(token.agentId()).map(agent -> principal(agent, token.generation())));
    }

    @Override
    public boolean isCurrent(AgentPrincipal principal) {
        return tokens.findForAgent(principal.agentId())
                .map(token -> token.generation() == principal.generation())
                .orElse(false);
    }

    private MintedCredential issue(Agent agent) {
        String token = TOKEN_PREFIX + RandomTokens.urlSafe(TOKEN_RANDOM_BYTES);
        Instant issuedAt = now();
        tokens.replace(new AgentToken(agent.id(), FrameKeys.tokenHash(secrets.current(), token),
                agent.credentialGeneration(), issuedAt));
        byte[] frameKey = FrameKeys.frameKey(secrets.current(), agent.projectId(), agent.id(), agent.credentialGeneration());
        return new MintedCredential(agent, token, FrameKeys.hmacSecretText(frameKey), issuedAt);
    }

    private AgentPrincipal principal(Agent agent, long generation) {
        return new AgentPrincipal(agent.id(), agent.projectId(), generation,
                FrameKeys.frameKey(secrets.current(), agent.projectId(), agent.id(), generation));
    }

    /** The agent, when the caller may manage the project's agents and the agent is in that project. */
    private Agent managedAgent(Caller caller, String projectSlug, UUID agentId) {
        UUID projectId = access.authorize(caller, projectSlug, Action.AGENTS_MANAGE).project().id();
        return agents.find(agentId).filter(a -> a.projectId().equals(projectId))
                .orElseThrow(() -> Refusal.notFound("agent_not_found", "agent " + agentId + " not found in this project"));
    }

    private void record(Caller caller, Agent agent, String action) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", agent.name());
        metadata.put("generation", agent.credentialGeneration());
        audit.record(caller.audit(action, "agent", agent.id().toString()).withProject(agent.projectId())
                .withMetadata(metadata));
    }

    static Refusal nameTaken(String name) {
        return Refusal.conflict("agent_name_taken", "an agent named '" + name + "' already exists in this project");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static String validName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw invalidName("an agent name must not be empty");
        }
        if (clean.codePointCount(0, clean.length()) > MAX_NAME_LENGTH) {
            throw invalidName("an agent name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (clean.codePoints().anyMatch(Character::isISOControl)) {
            throw invalidName("an agent name must not contain control characters");
        }
        return clean;
    }

    private static Refusal invalidName(String message) {
        return Refusal.invalid("agent_name_invalid", message, Map.of("field", "name"));
    }
}
