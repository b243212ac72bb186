package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.ConnectionFailures;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.support.DedicatedConnection;
import dev.z4j.ports.system.ClusterLeadership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster leadership on PostgreSQL: the replica whose dedicated connection holds the session-level advisory lock
 * {@link #LOCK} leads. Every {@link #CHECK_EVERY} each replica either tries to take the lock or, holding it, checks
 * that its connection still works. When the leader dies its session ends and PostgreSQL releases the lock (a killed
 * process at once; a vanished host when TCP keepalives give up, about a minute); another replica takes it at its
 * next check. A leader that loses its connection stops leading at once and competes again after reconnecting.
 */
public final class PostgresLeadership implements ClusterLeadership, AutoCloseable {

    /** The advisory lock key ("z4jL" in ASCII); the audit chain uses another. */
    public static final long LOCK = 0x7A346A4CL;
    static final Duration CHECK_EVERY = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(PostgresLeadership.class);

    private final DatabaseUrl url;
    private final String replicaId;
    private final Thread thread;
    private volatile boolean leader;
    private volatile boolean closed;
    private volatile Connection connection;

    public PostgresLeadership(DatabaseUrl url, String replicaId) {
        this.url = url;
        this.replicaId = replicaId;
        this.thread = new Thread(this::compete, "z4j-cluster-leadership");
        this.thread.setDaemon(true);
    }

    /** Competes in the background; the first attempt is made before this returns. */
    public PostgresLeadership start() {
        check();
        thread.start();
        return this;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    private void compete() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            check();
        }
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        try {
            if (connection == null) {
                connection = DedicatedConnection.open(url, "z4j-leader-" + replicaId);
            }
            boolean was = leader;
            leader = was ? stillConnected() : tryLock();
            if (leader && !was) {
                LOG.info("this replica ({}) now leads the cluster: it runs the sweeps, retention, scheduled audit "
                        + "verification and backups", replicaId);
            }
        } catch (SQLException | RuntimeException e) {
            if (leader) {
                LOG.warn("this replica ({}) stopped leading the cluster: {}", replicaId,
                        ConnectionFailures.describe(e, url));
            }
            leader = false;
            closeConnection();
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private boolean stillConnected() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
            statement.execute();
            return true;
        }
    }

    private void closeConnection() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                LOG.debug("closing the leadership connection: {}", e.getMessage());
            }
        }
    }

    /** Gives up leadership at once (closing the session releases the lock). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        synchronized (this) {
            leader = false;
            closeConnection();
        }
    }
}
