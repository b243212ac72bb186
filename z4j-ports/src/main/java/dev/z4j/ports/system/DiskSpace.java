package dev.z4j.ports.system;

import java.util.Optional;

/** Out-port: free space where the database writes (SQLite only; empty for a remote PostgreSQL). */
public interface DiskSpace {

    Optional<Usage> atDatabase();

    record Usage(String path, long freeBytes, long totalBytes) {
    }
}
