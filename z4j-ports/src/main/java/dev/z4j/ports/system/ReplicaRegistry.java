package dev.z4j.ports.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Out-port: the brain replicas sharing the database, one row each, refreshed by its heartbeat. A clean stop removes
 * the row; a replica that died leaves it behind, presumed dead once it is {@link #PRESUMED_DEAD_AFTER} old, and the
 * leader forgets it after {@link #FORGOTTEN_AFTER} (so {@code z4j status} can show who stopped answering).
 */
public interface ReplicaRegistry {

    Duration HEARTBEAT = Duration.ofSeconds(10);
    Duration PRESUMED_DEAD_AFTER = Duration.ofSeconds(30);
    Duration FORGOTTEN_AFTER = Duration.ofHours(1);

    /** Records the replica as it is now (inserted on the first heartbeat, updated after). */
    void heartbeat(Replica replica);

    /** Replicas last seen at or after {@code cutoff}, oldest start first; empty when the table does not exist yet. */
    List<Replica> seenSince(Instant cutoff);

    /** Removes replicas last seen before {@code cutoff}; returns how many. */
    int forgetUnseenSince(Instant cutoff);

    /** Removes the replica (a clean stop). */
    void leave(String replicaId);
}
