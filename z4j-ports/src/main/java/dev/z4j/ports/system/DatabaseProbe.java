package dev.z4j.ports.system;

import java.nio.file.Path;
import java.util.Optional;

/** Out-port: what the database is and whether it answers. */
public interface DatabaseProbe {

    DatabaseDescription describe();

    /** Runs a trivial query; throws {@link DatabaseUnavailableException} with a one-line reason when it fails. */
    void ping();

    enum Kind { SQLITE, POSTGRESQL }

    /**
     * @param location the SQLite file path, or {@code host:port/database} for PostgreSQL (never credentials)
     * @param file     the SQLite file, empty for PostgreSQL
     * @param sizeBytes size on disk (SQLite: file plus WAL) or as reported by the server, when known
     */
    record DatabaseDescription(Kind kind, String location, Optional<Path> file, Optional<Long> sizeBytes,
                               String serverVersion) {
    }
}
