package dev.z4j.app;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.PostgresTools;
import dev.z4j.app.system.Z4jConfig;
import dev.z4j.domain.support.Checksums;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.MigrationFailedException;
import dev.z4j.ports.system.RestoreDrill;
import dev.z4j.ports.system.SystemHealth.CheckResult;
import dev.z4j.ports.system.SystemHealth.StatusReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code z4j drill}: restores a backup into a scratch place (a temporary home for SQLite, a scratch database on the
 * same server for PostgreSQL), validates it as {@code restore} would, migrates it, runs {@code check}, {@code status}
 * and the audit verification there, then removes the scratch copy. The live database, the home and the audit trail
 * are not touched.
 */
final class Drill implements RestoreDrill {

    private final Z4jConfig config;
    private final Actor operator;
    private final Clock clock;

    Drill(Z4jConfig config, Actor operator, Clock clock) {
        this.config = config;
        this.operator = operator;
        this.clock = clock;
    }

    @Override
    public DrillReport drill(Path backup) {
        Path source = backup.toAbsolutePath().normalize();
        List<DrillStep> steps = new ArrayList<>();
        if (!Files.isRegularFile(source)) {
            steps.add(new DrillStep("backup", false, "no such file: " + source));
            return new DrillReport(source, steps);
        }
        DatabaseUrl live = Wiring.liveUrl(config);
        if (live.sqliteFile().isPresent()) {
            sqlite(source, steps);
        } else {
            postgres(source, live, steps);
        }
        return new DrillReport(source, steps);
    }

    private void sqlite(Path source, List<DrillStep> steps) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("z4j-drill-");
        } catch (IOException e) {
            steps.add(new DrillStep("scratch home", false, "cannot create a temporary directory: " + e.getMessage()));
            return;
        }
        try {
            Path copy = scratch.resolve("z4j.db");
            String sha256 = Restore.copyWithDigest(source, copy);
            steps.add(BackupValidation.checksum(source, sha256));
            steps.addAll(BackupValidation.sqliteFile(copy, source));
            if (BackupValidation.firstFailure(steps).isEmpty()) {
                exercise(DatabaseUrl.sqlite(copy), source, steps);
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private void postgres(Path source, DatabaseUrl live, List<DrillStep> steps) {
        steps.add(BackupValidation.checksum(source, Checksums.sha256(source)));
        if (BackupValidation.firstFailure(steps).isPresent()) {
            return;
        }
        PostgresTools tools = new PostgresTools(live, System.getenv());
        String scratch = PostgresScratch.name(live.postgresServer().orElseThrow().database(), "_drill_",
                Restore.STAMP.format(clock.instant()));
        try {
            tools.unavailableReason("pg_restore").ifPresent(reason -> {
                throw new PostgresTools.ToolFailedException(reason);
            });
            PostgresScratch.restoreInto(tools, source, scratch);
        } catch (PostgresTools.ToolFailedException | DatabaseUnavailableException e) {
            steps.add(new DrillStep("pg_restore", false, e.getMessage()));
            return;
        }
        try {
            steps.add(new DrillStep("pg_restore", true, "restored into scratch database " + scratch));
            exercise(live.withDatabase(scratch), source, steps);
        } finally {
            tools.dropDatabase(scratch);
        }
    }

    /** Validation, then migrate, check, status and audit verify on the scratch copy. */
    private void exercise(DatabaseUrl scratch, Path source, List<DrillStep> steps) {
        steps.addAll(BackupValidation.database(config, scratch, source, clock, operator, false));
        if (BackupValidation.firstFailure(steps).isPresent()) {
            return;
        }
        try (Wiring wiring = Wiring.open(config, scratch, clock, operator)) {
            List<String> applied = wiring.schema.migrate();
            steps.add(new DrillStep("migrate", true, applied.isEmpty() ? "nothing to apply"
                    : "applied " + String.join(", ", applied)));
            List<CheckResult> checks = wiring.health.check();
            List<CheckResult> failed = checks.stream().filter(c -> !c.ok()).toList();
            steps.add(new DrillStep("check", failed.isEmpty(), failed.isEmpty()
                    ? checks.stream().map(CheckResult::name).collect(Collectors.joining(", ")) + " ok"
                    : failed.stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; "))));
            StatusReport status = wiring.health.status();
            steps.add(new DrillStep("status", true, "schema " + status.schemaVersion().orElse("none") + "; "
                    + (status.rowCounts().isEmpty() ? "no main tables yet" : status.rowCounts().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))));
            Wiring.ChainVerdict chain = wiring.verifyAuditChain();
            steps.add(new DrillStep("audit verify", chain.intact(), chain.summary()));
        } catch (MigrationFailedException | DatabaseUnavailableException e) {
            steps.add(new DrillStep("migrate", false, e.getMessage()));
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(Restore::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch home " + root, e);
        }
    }
}
