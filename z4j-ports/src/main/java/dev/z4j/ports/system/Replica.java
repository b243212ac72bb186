package dev.z4j.ports.system;

import java.time.Instant;
import java.util.Objects;

/**
 * A brain process sharing the database, as its last heartbeat recorded it.
 *
 * @param id         random per process start (16 lowercase hex digits)
 * @param host       the machine's host name
 * @param port       the HTTP port it serves
 * @param keyId      the fingerprint of its {@code Z4J_SECRET} (public: audit rows carry it too); replicas must agree
 * @param leader     whether it led the cluster at that heartbeat
 */
public record Replica(String id, String host, int port, long pid, String version, String keyId, Instant startedAt,
                      Instant lastSeenAt, boolean leader) {

    public Replica {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (!id.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("a replica id is 16 lowercase hex digits");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
    }

    /** The same replica seen again at {@code at}, leading or not. */
    public Replica seenAt(Instant at, boolean leading) {
        return new Replica(id, host, port, pid, version, keyId, startedAt, at, leading);
    }
}
