package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.ConnectionFailures;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DedicatedConnection;
import dev.z4j.ports.system.ClusterBus;
import dev.z4j.ports.system.ClusterNotice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster bus on PostgreSQL: notices are sent with {@code pg_notify} on the channel {@value #CHANNEL} through the
 * pool, and received on one dedicated connection outside it that {@code LISTEN}s (application name
 * {@code z4j-bus-<replica>}).
 *
 * <p>Notices that must not be lost are also rows of {@code cluster_notices}, written in the same transaction as the
 * {@code NOTIFY}: when the listening connection drops, the bus reconnects with backoff (0.5, 1, 2, 5, 10, 30 s) and
 * delivers the rows written since shortly before it lost the connection, skipping those it already delivered. A
 * watchdog sends a ping to itself every {@link #PING_EVERY}; when its own ping has not come back within
 * {@link #PING_TIMEOUT}, the connection is deemed dead and rebuilt.
 */
public final class PostgresClusterBus implements ClusterBus, AutoCloseable {

    static final String CHANNEL = "z4j_cluster";
    static final Duration PING_EVERY = Duration.ofSeconds(10);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(25);
    /** Replayed after a reconnect: notices written from this long before the connection was last known good. */
    static final Duration REPLAY_MARGIN = Duration.ofSeconds(60);
    private static final long[] BACKOFF_MILLIS = {500, 1_000, 2_000, 5_000, 10_000, 30_000};
    private static final int REMEMBERED = 4_096;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresClusterBus.class);

    private final Database database;
    private final String replicaId;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Rows of {@code cluster_notices} already delivered, oldest first; only the listening thread uses it. */
    private final Map<Long, Boolean> delivered = new LinkedHashMap<>(REMEMBERED, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection listening;
    private volatile boolean connected;
    /** When the listening connection was last known to work ({@code -1}: never); only the listening thread uses it. */
    private long lastGoodNanos = -1;

    /** @param replicaId this replica's id: its own notices are not delivered back to it */
    public PostgresClusterBus(Database database, String replicaId) {
        this.database = database;
        this.replicaId = replicaId;
        this.thread = new Thread(this::listen, "z4j-cluster-bus");
        this.thread.setDaemon(true);
    }

    /** Starts listening in the background and waits up to {@code timeout} for the first connection. */
    public PostgresClusterBus start(Duration timeout) {
        thread.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return this;
    }

    /** Whether the listening connection is up now. */
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void publish(ClusterNotice notice) {
        try {
            database.write(h -> {
                long seq = 0;
                if (NoticeCodec.kept(notice)) {
                    seq = h.createQuery("INSERT INTO cluster_notices (payload) VALUES (:payload) RETURNING id")
                            .bind("payload", NoticeCodec.encode(replicaId, 0, notice))
                            .mapTo(Long.class).one();
                }
                h.createQuery("SELECT pg_notify(:channel, :payload)")
                        .bind("channel", CHANNEL).bind("payload", NoticeCodec.encode(replicaId, seq, notice))
                        .mapTo(String.class).one();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not tell the other replicas ({}): {}", notice.getClass().getSimpleName(),
                    ConnectionFailures.describe(e, database.url()));
        }
    }

    @Override
    public Subscription subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Removes kept notices older than {@code age}: the leader's housekeeping. Returns how many. */
    public int forgetOlderThan(Duration age) {
        return database.write(h -> h.createUpdate("DELETE FROM cluster_notices WHERE created_at < now() - "
                        + "make_interval(secs => :seconds)")
                .bind("seconds", (double) age.toSeconds()).execute());
    }

    private void listen() {
        int failures = 0;
        while (!closed) {
            try (Connection connection = DedicatedConnection.open(database.url(), "z4j-bus-" + replicaId)) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (lastGoodNanos >= 0) {
                    Duration gap = Duration.ofNanos(System.nanoTime() - lastGoodNanos);
                    int replayed = replay(connection, gap.plus(REPLAY_MARGIN));
                    LOG.info("cluster bus reconnected after {} s; delivered {} missed notice(s)", gap.toSeconds(),
                            replayed);
                    listeners.forEach(this::resynchronize);
                }
                connected = true;
                failures = 0;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (closed) {
                    return;
                }
                long pause = BACKOFF_MILLIS[Math.min(failures, BACKOFF_MILLIS.length - 1)];
                if (failures == 0 || failures % 10 == 0) {
                    LOG.warn("cluster bus lost its connection ({}); reconnecting in {} ms",
                            ConnectionFailures.describe(e, database.url()), pause);
                }
                failures++;
                sleep(pause);
            } finally {
                listening = null;
                connected = false;
            }
        }
    }

    /** Receives notifications until the connection fails or the watchdog gives up. */
    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastPingSent = 0;
        lastGoodNanos = System.nanoTime();
        while (!closed) {
            long now = System.nanoTime();
            if (now - lastPingSent >= PING_EVERY.toNanos()) {
                try (PreparedStatement ping = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                    ping.setString(1, CHANNEL);
                    ping.setString(2, NoticeCodec.ping(replicaId));
                    ping.execute();
                }
                lastPingSent = now;
            }
            if (now - lastGoodNanos > PING_TIMEOUT.toNanos()) {
                throw new SQLException("the cluster bus's own ping did not come back within "
                        + PING_TIMEOUT.toSeconds() + " s");
            }
            PGNotification[] notifications = pg.getNotifications(500);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                Optional<NoticeCodec.Message> message = NoticeCodec.decode(notification.getParameter());
                if (message.isEmpty()) {
                    continue;
                }
                if (message.get().origin().equals(replicaId)) {
                    if (message.get().notice().isEmpty()) {
                        lastGoodNanos = System.nanoTime();
                    }
                    continue;
                }
                deliver(message.get().seq(), message.get().notice());
            }
        }
    }

    private int replay(Connection connection, Duration window) throws SQLException {
        int count = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT id, payload FROM cluster_notices "
                + "WHERE created_at >= now() - make_interval(secs => ?) ORDER BY id")) {
            select.setDouble(1, window.toSeconds());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    Optional<NoticeCodec.Message> message = NoticeCodec.decode(rows.getString(2));
                    if (message.isPresent() && !message.get().origin().equals(replicaId)
                            && !delivered.containsKey(seq)) {
                        deliver(seq, message.get().notice());
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private void deliver(long seq, Optional<ClusterNotice> notice) {
        if (notice.isEmpty() || (seq > 0 && delivered.put(seq, Boolean.TRUE) != null)) {
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.received(notice.get());
            } catch (RuntimeException e) {
                LOG.error("a cluster notice listener failed on {}: {}", notice.get(), e.toString());
            }
        }
    }

    private void resynchronize(Listener listener) {
        try {
            listener.resynchronize();
        } catch (RuntimeException e) {
            LOG.error("resynchronising after the cluster bus reconnected failed: {}", e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the cluster bus connection: {}", e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
