package dev.z4j.ports.system;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * In-port: preserves evidence after a suspected tamper. Byte-exact copies of the database files (with WAL and SHM,
 * never a VACUUM), the secrets in effect and a manifest of sha256 digests and times, in a new private directory.
 */
public interface AuditEvidence {

    /** @param directory a new directory to create; empty for {@code $Z4J_HOME/evidence/z4j-evidence-<time>} */
    EvidenceReport collect(Optional<Path> directory);

    record EvidenceReport(Path directory, Path manifest, List<EvidenceFile> files, List<String> notes) {
        public EvidenceReport {
            Objects.requireNonNull(directory, "directory");
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /** @param source the original path, {@code modifiedAt} its modification time when copied */
    record EvidenceFile(String name, String source, long sizeBytes, String sha256, Instant modifiedAt) {
    }
}
