package dev.z4j.ports.system;

/**
 * Out-port: whether this replica leads the cluster now. Work that must happen once per cluster (command timeouts, the
 * agent offline sweep, retention, scheduled audit verification and backups) runs only on the leader. On PostgreSQL
 * leadership is a session-level advisory lock held by one replica; when that replica dies, PostgreSQL releases it
 * and another replica takes it. A single brain always leads.
 */
@FunctionalInterface
public interface ClusterLeadership {

    /** The only brain on its database (SQLite) leads. */
    ClusterLeadership SINGLE_BRAIN = () -> true;

    /** Cheap (no I/O): the state as of the last check. */
    boolean isLeader();
}
