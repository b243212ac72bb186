package dev.z4j.ports.system;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Out-port: writes a consistent copy of the live database to a file: SQLite {@code VACUUM INTO}, PostgreSQL
 * {@code pg_dump -Fc}.
 */
public interface DatabaseSnapshots {

    /** The file name extension of a copy, without the dot: {@code db} or {@code dump}. */
    String fileExtension();

    /** Why no copy can be taken (for example pg_dump missing or too old); empty when one can. */
    Optional<String> unavailableReason();

    /**
     * Writes the copy to {@code target}, which does not exist yet and is on the same file system as its final name.
     *
     * @throws BackupFailedException with a one-line reason
     */
    void writeTo(Path target);
}
