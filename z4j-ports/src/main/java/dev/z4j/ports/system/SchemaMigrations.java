package dev.z4j.ports.system;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out-port: the database schema's migration chain. */
public interface SchemaMigrations {

    SchemaStatus status();

    /** Every version this build knows and every version the database has applied, oldest first. */
    List<MigrationEntry> history();

    /** Applies every pending migration; returns the versions applied, in order. */
    List<String> migrate();

    record SchemaStatus(Optional<String> currentVersion, String latestKnownVersion, List<String> pendingVersions,
                        boolean newerThanThisBuild) {
        public SchemaStatus {
            pendingVersions = List.copyOf(pendingVersions);
        }

        public boolean isCurrent() {
            return pendingVersions.isEmpty() && !newerThanThisBuild;
        }
    }

    record MigrationEntry(String version, String description, State state, Optional<Instant> installedOn) {
        public enum State { APPLIED, PENDING, FAILED, FUTURE }
    }
}
