package dev.z4j.domain.agents;

import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentLivenessStore;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.AgentSessions;
import dev.z4j.ports.agents.AgentStore;
import dev.z4j.ports.agents.AgentToken;
import dev.z4j.ports.agents.AgentTokenStore;
import dev.z4j.ports.agents.WorkerConnection;
import dev.z4j.ports.audit.AuditCheckpoint;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.PruneReport;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * In-memory fakes of the agents' out-ports sharing one "database": a transaction snapshots every table and restores
 * it when the work throws, so tests can see that a change and its audit row commit or roll back together.
 */
final class InMemoryAgents implements AgentStore, AgentTokenStore, Transactions {

    private Map<UUID, Agent> agents = new LinkedHashMap<>();
    private Map<UUID, AgentToken> tokens = new LinkedHashMap<>();
    private List<AuditEntry> auditRows = new ArrayList<>();
    private int depth;
    RuntimeException failNextAudit;

    final List<String> terminations = new ArrayList<>();
    final AgentSessions sessions = (agentId, through) -> terminations.add(agentId + " through "
            + (through == Long.MAX_VALUE ? "all" : Long.toString(through)));

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (depth > 0) {
            return work.get();
        }
        Map<UUID, Agent> agentsBefore = new LinkedHashMap<>(agents);
        Map<UUID, AgentToken> tokensBefore = new LinkedHashMap<>(tokens);
        List<AuditEntry> auditBefore = new ArrayList<>(auditRows);
        depth++;
        try {
            return work.get();
        } catch (RuntimeException e) {
            agents = agentsBefore;
            tokens = tokensBefore;
            auditRows = auditBefore;
            throw e;
        } finally {
            depth--;
        }
    }

    /** Nothing connected in these tests: every agent reads as never connected. */
    final AgentLivenessStore liveness = new AgentLivenessStore() {
        @Override
        public void recordConnect(UUID agentId, UUID projectId, AgentInventory inventory, WorkerConnection worker,
                                  Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordSeen(java.util.Collection<Seen> seen) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordDisconnect(UUID agentId, String workerKey, Instant connectedAt, boolean agentOffline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int markSilentOffline(Instant cutoff) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<UUID, AgentStatus> statuses(UUID projectId) {
            return Map.of();
        }
    };

    /** The audit trail's write path, in the same snapshot as the stores; the agents service uses nothing else of it. */
    final AuditTrail audit = new AuditTrail() {
        @Override
        public AuditRecord record(AuditEntry entry) {
            if (failNextAudit != null) {
                RuntimeException failure = failNextAudit;
                failNextAudit = null;
                throw failure;
            }
            auditRows.add(entry);
            return new AuditRecord(auditRows.size(), UUID.randomUUID(), Instant.EPOCH, entry, "key", "0".repeat(64),
                    "1".repeat(64));
        }

        @Override
        public VerificationReport verify(VerificationRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<VerificationStatus> lastVerification() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AuditRecord> head() {
            throw new UnsupportedOperationException();
        }

        @Override
        public AuditCheckpoint checkpoint() {
            throw new UnsupportedOperationException();
        }

        @Override
        public AuditCheckpoint readCheckpoint(String document, List<Secret> extraSecrets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AuditPage search(AuditQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PruneReport> pruneBefore(Instant cutoff) {
            throw new UnsupportedOperationException();
        }
    };

    List<AuditEntry> auditRows() {
        return List.copyOf(auditRows);
    }

    Map<UUID, AgentToken> tokens() {
        return Map.copyOf(tokens);
    }

    @Override
    public void insert(Agent agent) {
        if (findByName(agent.projectId(), agent.name()).isPresent()) {
            throw AgentEnrollment.nameTaken(agent.name());
        }
        agents.put(agent.id(), agent);
    }

    @Override
    public Optional<Agent> find(UUID agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    @Override
    public Optional<Agent> findByName(UUID projectId, String name) {
        return agents.values().stream().filter(a -> a.projectId().equals(projectId) && a.name().equals(name)).findFirst();
    }

    @Override
    public List<Agent> listByProject(UUID projectId) {
        return agents.values().stream().filter(a -> a.projectId().equals(projectId))
                .sorted(Comparator.comparing(Agent::createdAt)).toList();
    }

    @Override
    public long advanceCredentialGeneration(UUID agentId) {
        Agent a = agents.get(agentId);
        Agent next = new Agent(a.id(), a.projectId(), a.name(), a.createdAt(), a.credentialGeneration() + 1);
        agents.put(agentId, next);
        return next.credentialGeneration();
    }

    @Override
    public boolean delete(UUID agentId) {
        return agents.remove(agentId) != null;
    }

    @Override
    public void replace(AgentToken token) {
        tokens.put(token.agentId(), token);
    }

    @Override
    public boolean deleteForAgent(UUID agentId) {
        return tokens.remove(agentId) != null;
    }

    @Override
    public Optional<AgentToken> findByHash(String tokenHash) {
        return tokens.values().stream().filter(t -> t.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public Optional<AgentToken> findForAgent(UUID agentId) {
        return Optional.ofNullable(tokens.get(agentId));
    }
}
