package dev.z4j.ports.system;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-port: is the brain healthy, and what does it hold. Used by {@code /api/v1/health/*}, {@code check}, {@code status}. */
public interface SystemHealth {

    Readiness readiness();

    /** Every check, in a fixed order; never throws. */
    List<CheckResult> check();

    StatusReport status();

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
     * @param rowCounts rows per table ({@code users}, {@code projects}, ...); a table not created yet is absent
     */
    record StatusReport(String version, String environment, DatabaseProbe.DatabaseDescription database,
                        Optional<String> schemaVersion, List<String> pendingMigrations, Map<String, Long> rowCounts) {
    }
}
