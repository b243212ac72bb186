package dev.z4j.adapter.ws.agents.testing;

import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentInventory;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.WorkerConnection;
import java.time.Instant;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.commands.CommandReply;
import dev.z4j.ports.ingest.AgentStatusReport;
import dev.z4j.ports.ingest.EngineHealth;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.EventIngestion;
import dev.z4j.ports.ingest.IngestCounts;
import dev.z4j.ports.schedules.ScheduleReports;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/** Fakes of the in-ports the gateway calls, for adapter tests and the load generator. */
public final class WireFakes {

    private WireFakes() {
    }

    /** Bearer tokens mapped to principals; {@link #revoke} makes a token unknown and its principal stale. */
    public static final class Credentials implements AgentCredentials {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final Map<String, AgentPrincipal> byToken = new ConcurrentHashMap<>();

        /** A new agent of a new project with a random frame key; returns its token and key. */
        public Enrolled enroll() {
            return enroll(UUID.randomUUID(), UUID.randomUUID(), 1);
        }

        public Enrolled enroll(UUID projectId, UUID agentId, long generation) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            String token = "z4j_agent_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key).substring(0, 20)
                    + UUID.randomUUID();
            AgentPrincipal principal = new AgentPrincipal(agentId, projectId, generation, key);
            byToken.put(token, principal);
            return new Enrolled(token, Base64.getUrlEncoder().encodeToString(key), principal);
        }

        public void revoke(String token) {
            byToken.remove(token);
        }

        @Override
        public Optional<AgentPrincipal> authenticate(String bearerToken) {
            return Optional.ofNullable(byToken.get(bearerToken));
        }

        @Override
        public boolean isCurrent(AgentPrincipal principal) {
            return byToken.containsValue(principal);
        }

        @Override
        public MintedCredential mint(Caller caller, String projectSlug, String name) {
            throw new UnsupportedOperationException("the gateway never mints");
        }

        @Override
        public MintedCredential rotate(Caller caller, String projectSlug, UUID agentId) {
            throw new UnsupportedOperationException("the gateway never rotates");
        }

        @Override
        public boolean revoke(Caller caller, String projectSlug, UUID agentId) {
            throw new UnsupportedOperationException("the gateway never revokes");
        }

        @Override
        public void delete(Caller caller, String projectSlug, UUID agentId) {
            throw new UnsupportedOperationException("the gateway never deletes");
        }

        @Override
        public List<AgentView> list(Caller caller, String projectSlug) {
            throw new UnsupportedOperationException("the gateway never lists");
        }
    }

    /** A bearer token, the {@code hmac_secret} to sign with, and who they authenticate. */
    public record Enrolled(String token, String hmacSecret, AgentPrincipal principal) {
    }

    /**
     * Records every batch; accepts all events unless told otherwise. {@link #hold()} makes submitting wait until
     * {@link #release(int)} (as a full ingest queue does); {@link #failWith} makes commits fail;
     * {@link #budget} sets the wait {@code admit} answers.
     */
    public static final class Ingestion implements EventIngestion {
        private final List<EventBatch> batches = new CopyOnWriteArrayList<>();
        private final List<EngineHealth> health = new CopyOnWriteArrayList<>();
        private final List<AgentStatusReport> statuses = new CopyOnWriteArrayList<>();
        private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final AtomicReference<Duration> wait = new AtomicReference<>(Duration.ZERO);
        private final java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public CompletableFuture<IngestCounts> submit(EventBatch batch) {
            entered.incrementAndGet();
            gate.acquireUninterruptibly();
            RuntimeException fail = failure.get();
            if (fail != null) {
                return CompletableFuture.failedFuture(fail);
            }
            batches.add(batch);
            return CompletableFuture.completedFuture(new IngestCounts(batch.events().size(), batch.events().size(), 0));
        }

        @Override
        public Duration admit(UUID projectId, int events) {
            return wait.get();
        }

        @Override
        public void engineHealth(EngineHealth report) {
            health.add(report);
        }

        @Override
        public void agentStatus(AgentStatusReport report) {
            statuses.add(report);
        }

        public List<EventBatch> batches() {
            return List.copyOf(batches);
        }

        public List<EngineHealth> health() {
            return List.copyOf(health);
        }

        public List<AgentStatusReport> statuses() {
            return List.copyOf(statuses);
        }

        /** Batches that entered ingestion, held or not. */
        public int entered() {
            return entered.get();
        }

        public void hold() {
            gate.drainPermits();
        }

        public void release(int batches) {
            gate.release(batches);
        }

        public void releaseAll() {
            gate.release(Integer.MAX_VALUE / 2);
        }

        public void failWith(RuntimeException e) {
            failure.set(e);
        }

        /** What {@code admit} answers from now on ({@link Duration#ZERO}: go). */
        public void budget(Duration answer) {
            wait.set(answer);
        }
    }

    /** Records presence as the gateway reports it. */
    public static final class Presence implements AgentPresence {
        public record Connect(UUID agentId, AgentInventory inventory, WorkerConnection worker) {
        }

        public record Disconnect(UUID agentId, String workerKey, boolean lastSessionHere) {
        }

        public final List<Connect> connects = new CopyOnWriteArrayList<>();
        public final List<String> heartbeats = new CopyOnWriteArrayList<>();
        public final List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger sweeps = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void connected(AgentPrincipal agent, AgentInventory inventory, WorkerConnection worker, Instant connectedAt) {
            connects.add(new Connect(agent.agentId(), inventory, worker));
        }

        @Override
        public void heartbeat(AgentPrincipal agent, String workerKey) {
            heartbeats.add(agent.agentId() + "/" + workerKey);
        }

        @Override
        public void disconnected(AgentPrincipal agent, String workerKey, Instant connectedAt, boolean lastSessionHere) {
            disconnects.add(new Disconnect(agent.agentId(), workerKey, lastSessionHere));
        }

        @Override
        public void sweep() {
            sweeps.incrementAndGet();
        }

        public int sweeps() {
            return sweeps.get();
        }

        @Override
        public Map<UUID, AgentStatus> statuses(UUID projectId) {
            return Map.of();
        }
    }

    /** Commands waiting for polling agents; each is handed out once. */
    public static final class Pickup implements dev.z4j.ports.commands.CommandPickup {
        private final Map<UUID, java.util.Deque<dev.z4j.ports.commands.AgentCommand>> waiting = new ConcurrentHashMap<>();

        public void add(dev.z4j.ports.commands.AgentCommand command) {
            waiting.computeIfAbsent(command.agentId(), id -> new java.util.concurrent.ConcurrentLinkedDeque<>())
                    .add(command);
        }

        @Override
        public List<dev.z4j.ports.commands.AgentCommand> claim(UUID projectId, UUID agentId, int max) {
            java.util.Deque<dev.z4j.ports.commands.AgentCommand> queue = waiting.get(agentId);
            List<dev.z4j.ports.commands.AgentCommand> claimed = new java.util.ArrayList<>();
            dev.z4j.ports.commands.AgentCommand next;
            while (queue != null && claimed.size() < max && (next = queue.poll()) != null) {
                claimed.add(next);
            }
            return claimed;
        }
    }

    /** Records what agents report about commands. */
    /** Records the schedule reports handed over, as (agent, kind) pairs. */
    public static final class Schedules implements ScheduleReports {
        private final List<String> reported = new CopyOnWriteArrayList<>();

        @Override
        public void report(UUID projectId, UUID agentId, List<Map<String, Object>> events) {
            events.forEach(e -> reported.add(agentId + " " + e.get("kind")));
        }

        public List<String> reported() {
            return List.copyOf(reported);
        }
    }

    public static final class Commands implements CommandFeedback {
        public record Reply(UUID projectId, UUID agentId, UUID commandId, Optional<CommandReply> reply) {
        }

        private final List<UUID> ready = new CopyOnWriteArrayList<>();
        private final List<Reply> replies = new CopyOnWriteArrayList<>();

        @Override
        public void agentReady(UUID projectId, UUID agentId) {
            ready.add(agentId);
        }

        @Override
        public void acknowledged(UUID projectId, UUID agentId, UUID commandId) {
            replies.add(new Reply(projectId, agentId, commandId, Optional.empty()));
        }

        @Override
        public void finished(UUID projectId, UUID agentId, UUID commandId, CommandReply reply) {
            replies.add(new Reply(projectId, agentId, commandId, Optional.of(reply)));
        }

        public List<UUID> ready() {
            return List.copyOf(ready);
        }

        public List<Reply> replies() {
            return List.copyOf(replies);
        }
    }
}
