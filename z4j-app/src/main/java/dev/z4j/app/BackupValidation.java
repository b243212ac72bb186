package dev.z4j.app;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.SqliteFiles;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.support.Checksums;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.RestoreDrill.DrillStep;
import dev.z4j.ports.system.SchemaMigrations.MigrationEntry;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a backup passes before it may replace the live database, shared by {@code restore} and {@code drill}:
 * the checksum beside it, SQLite's header and integrity check, that it is a z4j database, a schema this build knows,
 * and an audit chain that verifies with the current or a previous secret. Each check is a step with a one-line detail;
 * validation stops at the first failure.
 */
final class BackupValidation {

    static final Set<String> Z4J_TABLES = Set.of("flyway_schema_history", "z4j_meta");

    private BackupValidation() {
    }

    /** The {@code .sha256} beside the original backup, compared with the digest of the bytes actually copied. */
    static DrillStep checksum(Path backup, String copiedSha256) {
        Optional<String> expected;
        try {
            expected = Checksums.expectedFromSidecar(backup);
        } catch (IllegalArgumentException e) {
            return new DrillStep("checksum", false, e.getMessage());
        }
        if (expected.isEmpty()) {
            return new DrillStep("checksum", true, "sha256 " + copiedSha256 + " (no " + Checksums.sidecarOf(backup)
                    .getFileName() + " beside the backup to compare with)");
        }
        if (!expected.get().equals(copiedSha256)) {
            return new DrillStep("checksum", false, Checksums.sidecarOf(backup).getFileName() + " says "
                    + abbreviate(expected.get()) + " but the file hashes to " + abbreviate(copiedSha256)
                    + ": the backup is damaged or was changed");
        }
        return new DrillStep("checksum", true, "sha256 " + copiedSha256 + " matches "
                + Checksums.sidecarOf(backup).getFileName());
    }

    /** SQLite only, before anything opens the file with the brain's settings: header and integrity check. */
    static List<DrillStep> sqliteFile(Path file, Path shownAs) {
        List<DrillStep> steps = new ArrayList<>();
        if (!SqliteFiles.hasSqliteHeader(file)) {
            steps.add(new DrillStep("integrity", false, shownAs + " is not a SQLite database (no SQLite header; a "
                    + "PostgreSQL backup needs Z4J_DATABASE_URL pointing at PostgreSQL)"));
            return steps;
        }
        List<String> problems = SqliteFiles.integrityProblems(file);
        steps.add(problems.isEmpty() ? new DrillStep("integrity", true, "SQLite integrity check ok")
                : new DrillStep("integrity", false, shownAs + " fails SQLite's integrity check: " + problems.get(0)));
        return steps;
    }

    /**
     * Opens the candidate with the live configuration's secrets and checks what it holds; stops at a failure.
     *
     * @param verifyAudit walk the audit chain too (a drill walks it later, after migrating, as its own step)
     */
    static List<DrillStep> database(Z4jConfig config, DatabaseUrl candidate, Path shownAs, Clock clock,
                                    Actor operator, boolean verifyAudit) {
        List<DrillStep> steps = new ArrayList<>();
        try (Wiring wiring = Wiring.open(config, candidate, clock, operator)) {
            Set<String> tables = wiring.rows.tables();
            if (!tables.containsAll(Z4J_TABLES)) {
                steps.add(new DrillStep("z4j database", false, shownAs + " is not a z4j database (it has no "
                        + String.join(" / ", Z4J_TABLES.stream().filter(t -> !tables.contains(t)).sorted().toList())
                        + " table)"));
                return steps;
            }
            steps.add(new DrillStep("z4j database", true, tables.size() + " tables"));
            DrillStep schema = schema(wiring, shownAs);
            steps.add(schema);
            if (!schema.ok() || !verifyAudit) {
                return steps;
            }
            Wiring.ChainVerdict verdict = wiring.verifyAuditChain();
            steps.add(new DrillStep("audit chain", verdict.intact(), verdict.intact() ? verdict.summary()
                    : "the audit chain of " + shownAs + " does not verify with the current or previous secrets: "
                    + verdict.summary()));
        } catch (DatabaseUnavailableException e) {
            steps.add(new DrillStep("z4j database", false, "cannot open " + shownAs + ": " + e.getMessage()));
        }
        return steps;
    }

    private static DrillStep schema(Wiring wiring, Path shownAs) {
        SchemaStatus status = wiring.schema.status();
        String current = status.currentVersion().orElse("none");
        if (status.newerThanThisBuild()) {
            return new DrillStep("schema", false, shownAs + " has schema version " + current
                    + ", newer than this z4j knows (" + status.latestKnownVersion() + "): use the z4j that wrote it");
        }
        Optional<MigrationEntry> failed = wiring.schema.history().stream()
                .filter(m -> m.state() == MigrationEntry.State.FAILED).findFirst();
        if (failed.isPresent()) {
            return new DrillStep("schema", false, shownAs + " records a failed migration (V" + failed.get().version()
                    + "): it was taken from a broken database");
        }
        return new DrillStep("schema", true, "version " + current + (status.pendingVersions().isEmpty() ? ", current"
                : ", " + status.pendingVersions().size() + " migration(s) to apply (" + String.join(", ",
                status.pendingVersions()) + ")"));
    }

    static Optional<DrillStep> firstFailure(List<DrillStep> steps) {
        return steps.stream().filter(s -> !s.ok()).findFirst();
    }

    static String abbreviate(String hex) {
        return hex.length() <= 12 ? hex : hex.substring(0, 12) + "...";
    }
}
