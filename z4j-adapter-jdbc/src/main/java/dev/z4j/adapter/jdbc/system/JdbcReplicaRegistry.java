package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.ports.system.Replica;
import dev.z4j.ports.system.ReplicaRegistry;
import java.time.Instant;
import java.util.List;

/** The rows of {@code cluster_replicas}. */
public final class JdbcReplicaRegistry implements ReplicaRegistry {

    private final Database database;

    public JdbcReplicaRegistry(Database database) {
        this.database = database;
    }

    @Override
    public void heartbeat(Replica replica) {
        database.write(h -> h.createUpdate("INSERT INTO cluster_replicas (id, host, port, pid, version, key_id, "
                        + "started_at, last_seen_at, leader) VALUES (:id, :host, :port, :pid, :version, :key, :started, "
                        + ":seen, :leader) ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, "
                        + "leader = excluded.leader, port = excluded.port")
                .bind("id", replica.id())
                .bind("host", replica.host())
                .bind("port", replica.port())
                .bind("pid", replica.pid())
                .bind("version", replica.version())
                .bind("key", replica.keyId())
                .bind("started", replica.startedAt())
                .bind("seen", replica.lastSeenAt())
                .bind("leader", replica.leader())
                .execute());
    }

    @Override
    public List<Replica> seenSince(Instant cutoff) {
        return database.read(h -> {
            if (!tableExists(h)) {
                return List.of();
            }
            return h.createQuery("SELECT id, host, port, pid, version, key_id, started_at, last_seen_at, leader "
                            + "FROM cluster_replicas WHERE last_seen_at >= :cutoff ORDER BY started_at, id")
                    .bind("cutoff", cutoff)
                    .map((rs, ctx) -> new Replica(rs.getString("id"), rs.getString("host"), rs.getInt("port"),
                            rs.getLong("pid"), rs.getString("version"), rs.getString("key_id"),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "started_at", ctx),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "last_seen_at", ctx),
                            rs.getBoolean("leader")))
                    .list();
        });
    }

    private boolean tableExists(org.jdbi.v3.core.Handle h) {
        return h.createQuery(database.dialect() == Dialect.SQLITE
                        ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'cluster_replicas'"
                        : "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() "
                        + "AND tablename = 'cluster_replicas'")
                .mapTo(Long.class).one() > 0;
    }

    @Override
    public int forgetUnseenSince(Instant cutoff) {
        return database.write(h -> h.createUpdate("DELETE FROM cluster_replicas WHERE last_seen_at < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    @Override
    public void leave(String replicaId) {
        database.write(h -> h.createUpdate("DELETE FROM cluster_replicas WHERE id = :id").bind("id", replicaId)
                .execute());
    }
}
