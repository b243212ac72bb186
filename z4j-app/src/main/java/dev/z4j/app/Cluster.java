package dev.z4j.app;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.system.JdbcReplicaRegistry;
import dev.z4j.adapter.jdbc.system.PostgresClusterBus;
import dev.z4j.adapter.jdbc.system.PostgresLeadership;
import dev.z4j.app.system.ConfigException;
import dev.z4j.app.system.SingleBrainBus;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterLeadership;
import dev.z4j.ports.system.Replica;
import dev.z4j.ports.system.ReplicaRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's place among the brain replicas sharing the database (SPEC §8): its replica id, the cluster bus, and
 * whether it leads. On PostgreSQL a brain listens on the bus and competes for leadership; on SQLite it is alone and
 * leads. Once {@link #join joined}, it refreshes its {@code cluster_replicas} row every
 * {@link ReplicaRegistry#HEARTBEAT} (the leader also forgets replicas silent for an hour and kept notices older than
 * that) and removes it on {@link #close}.
 */
final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    final String replicaId;
    final ClusterBus bus;
    final ClusterLeadership leadership;
    /** Whether other replicas may exist: notices then travel and live views need the cross-replica feed. */
    final boolean shared;
    private final ReplicaRegistry registry;
    private final Optional<PostgresClusterBus> postgresBus;
    private final Optional<PostgresLeadership> postgresLeadership;
    private final Clock clock;
    private ScheduledExecutorService heartbeat;
    private volatile Replica self;
    private volatile boolean registered;

    private Cluster(String replicaId, ClusterBus bus, ClusterLeadership leadership, boolean shared,
                    ReplicaRegistry registry, Optional<PostgresClusterBus> postgresBus,
                    Optional<PostgresLeadership> postgresLeadership, Clock clock) {
        this.replicaId = replicaId;
        this.bus = bus;
        this.leadership = leadership;
        this.shared = shared;
        this.registry = registry;
        this.postgresBus = postgresBus;
        this.postgresLeadership = postgresLeadership;
        this.clock = clock;
    }

    /** A brain: on PostgreSQL it listens to the other replicas and competes for leadership. */
    static Cluster forBrain(Database database, Clock clock) {
        String id = newReplicaId();
        ReplicaRegistry registry = new JdbcReplicaRegistry(database);
        if (database.dialect() == Dialect.SQLITE) {
            return new Cluster(id, new SingleBrainBus(), ClusterLeadership.SINGLE_BRAIN, false, registry,
                    Optional.empty(), Optional.empty(), clock);
        }
        PostgresClusterBus bus = new PostgresClusterBus(database, id).start(Duration.ofSeconds(5));
        PostgresLeadership leadership = new PostgresLeadership(database.url(), id).start();
        return new Cluster(id, bus, leadership, true, registry, Optional.of(bus), Optional.of(leadership), clock);
    }

    /**
     * An operator command: it never leads, and on PostgreSQL it publishes without listening, so that revoking an
     * agent from the CLI still closes its sessions on every replica.
     */
    static Cluster forOperator(Database database, Clock clock) {
        String id = newReplicaId();
        ReplicaRegistry registry = new JdbcReplicaRegistry(database);
        ClusterBus bus = database.dialect() == Dialect.SQLITE ? new SingleBrainBus()
                : new PostgresClusterBus(database, id);
        return new Cluster(id, bus, () -> false, false, registry, Optional.empty(), Optional.empty(), clock);
    }

    private static String newReplicaId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Registers this replica and starts its heartbeat. A brain started before {@code z4j migrate} created the tables
     * registers at the first heartbeat after it has run.
     *
     * @throws ConfigException a running replica signs with another {@code Z4J_SECRET}
     */
    synchronized void join(int port, String version, String keyId, BooleanSupplier schemaCurrent) {
        self = new Replica(replicaId, hostName(), port, ProcessHandle.current().pid(), version, keyId, clock.instant(),
                clock.instant(), false);
        if (schemaCurrent.getAsBoolean()) {
            register();
        } else {
            LOG.info("replica {} joins the cluster once `z4j migrate` has run", replicaId);
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "z4j-replica-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = ReplicaRegistry.HEARTBEAT.toMillis();
        heartbeat.scheduleWithFixedDelay(() -> beat(schemaCurrent), period, period, TimeUnit.MILLISECONDS);
    }

    private void register() {
        Instant now = clock.instant();
        List<Replica> running = registry.seenSince(now.minus(ReplicaRegistry.PRESUMED_DEAD_AFTER));
        for (Replica other : running) {
            if (!other.keyId().equals(self.keyId()) && !other.id().equals(replicaId)) {
                throw new ConfigException("replica " + other.id() + " (" + other.host() + ":" + other.port()
                        + ") runs with another Z4J_SECRET (key " + other.keyId() + ", this one " + self.keyId()
                        + "): every replica needs the same secret; if that replica was stopped, start this one "
                        + ReplicaRegistry.PRESUMED_DEAD_AFTER.toSeconds() + " s later");
            }
        }
        self = new Replica(replicaId, self.host(), self.port(), self.pid(), self.version(), self.keyId(), now, now,
                leadership.isLeader());
        registry.heartbeat(self);
        registered = true;
        LOG.info("replica {} joined: {} replica(s) running{}", replicaId, running.size() + 1,
                leadership.isLeader() ? "; this one leads" : "");
    }

    /** The port HTTP actually listens on (known once it started), recorded at once. */
    synchronized void listeningOn(int port) {
        if (self != null && self.port() != port) {
            self = new Replica(replicaId, self.host(), port, self.pid(), self.version(), self.keyId(),
                    self.startedAt(), clock.instant(), leadership.isLeader());
            if (registered) {
                registry.heartbeat(self);
            }
        }
    }

    private synchronized void beat(BooleanSupplier schemaCurrent) {
        try {
            if (!registered) {
                if (schemaCurrent.getAsBoolean()) {
                    register();
                }
                return;
            }
            Instant now = clock.instant();
            self = self.seenAt(now, leadership.isLeader());
            registry.heartbeat(self);
            if (leadership.isLeader()) {
                int forgotten = registry.forgetUnseenSince(now.minus(ReplicaRegistry.FORGOTTEN_AFTER));
                if (forgotten > 0) {
                    LOG.info("forgot {} replica(s) not seen for {}", forgotten, ReplicaRegistry.FORGOTTEN_AFTER);
                }
                postgresBus.ifPresent(b -> b.forgetOlderThan(ReplicaRegistry.FORGOTTEN_AFTER));
            }
        } catch (RuntimeException e) {
            LOG.warn("replica heartbeat failed: {}", e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    /** Leaves the cluster: stops the heartbeat, removes this replica's row, gives up leadership, stops listening. */
    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
        }
        if (registered) {
            registered = false;
            try {
                registry.leave(replicaId);
                LOG.info("replica {} left the cluster", replicaId);
            } catch (RuntimeException e) {
                LOG.warn("could not remove replica {} from cluster_replicas: {}", replicaId, e.getMessage());
            }
        }
        postgresLeadership.ifPresent(PostgresLeadership::close);
        postgresBus.ifPresent(PostgresClusterBus::close);
    }
}
