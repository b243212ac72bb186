package dev.z4j.ports.system;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * In-port: replaces the live database with a backup. Refuses while a brain holds {@code z4j.lock}; validates the
 * backup before touching anything (checksum when a {@code .sha256} is beside it, integrity, that it is a z4j database,
 * a schema not newer than this build, an audit chain that verifies with the current or a previous secret); swaps
 * atomically, keeps the replaced database, removes stale WAL files, applies pending migrations and records
 * {@code system.restore}.
 */
public interface DatabaseRestore {

    /** @throws RestoreRefusedException with the reason; nothing was changed */
    RestoreReport restore(Path backup);

    /**
     * @param replacedKeptAs where the replaced database now is (a file, or a PostgreSQL database name); empty when
     *                       there was none
     */
    record RestoreReport(Path source, String sha256, boolean checksumFileMatched, String schemaVersion,
                         List<String> migrationsApplied, Optional<String> replacedKeptAs, String auditChain) {
        public RestoreReport {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sha256, "sha256");
            migrationsApplied = List.copyOf(migrationsApplied);
        }
    }

    /** The backup was not restored; the message says why (and, for a broken audit chain, the first broken row). */
    final class RestoreRefusedException extends RuntimeException {
        private final boolean usage;

        public RestoreRefusedException(String message) {
            this(message, false);
        }

        /** @param usage the request itself is wrong (missing file, no --force), rather than the backup or the state */
        public RestoreRefusedException(String message, boolean usage) {
            super(message, null, false, false);
            this.usage = usage;
        }

        public boolean usage() {
            return usage;
        }
    }
}
