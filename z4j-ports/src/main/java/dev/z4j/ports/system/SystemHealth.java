package dev.z4j.ports.system;

import dev.z4j.ports.system.OperationsJournal.BackupRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** In-port: is the brain healthy, and what does it hold. Used by {@code /api/v1/health/*}, {@code check}, {@code status}. */
public interface SystemHealth {

    Readiness readiness();

    /** Every check, in a fixed order; never throws. */
    List<CheckResult> check();

    StatusReport status();

    /**
     * What {@code z4j doctor} warns about beyond the checks: a single owner, no backup in the last day, no audit
     * verification in 7 days, little disk space left. One line each; empty when nothing needs attention.
     */
    List<String> advice();

    record Readiness(boolean ready, String reason) {
        public static Readiness ok() {
            return new Readiness(true, "ready");
        }
    }

    record CheckResult(String name, boolean ok, String detail) {
        public static CheckResult pass(String name, String detail) {
            return new CheckResult(name, true, detail);
        }

        public static CheckResult fail(String name, String reason) {
            return new CheckResult(name, false, reason);
        }
    }

    /**
     * @param rowCounts             rows per table ({@code users}, {@code projects}, ...); a table not created yet is
     *                              absent
     * @param agentsOnline          connected agents; empty while not tracked
     * @param lastBackup            the newest backup recorded by this database
     * @param replicas              the brain processes seen in the last hour, oldest start first
     */
    record StatusReport(String version, String environment, DatabaseProbe.DatabaseDescription database,
                        Optional<String> schemaVersion, List<String> pendingMigrations, Map<String, Long> rowCounts,
                        OptionalLong agentsOnline, Optional<BackupRecord> lastBackup, List<ReplicaStatus> replicas) {
        public StatusReport {
            pendingMigrations = List.copyOf(pendingMigrations);
            rowCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowCounts));
            replicas = List.copyOf(replicas);
        }
    }

    /**
     * A replica and whether it still runs: seen within {@link ReplicaRegistry#PRESUMED_DEAD_AFTER}. One that does not
     * was killed or lost the database without leaving.
     */
    record ReplicaStatus(Replica replica, boolean running) {
        public ReplicaStatus {
            java.util.Objects.requireNonNull(replica, "replica");
        }
    }
}
