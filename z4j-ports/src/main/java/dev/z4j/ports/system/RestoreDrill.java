package dev.z4j.ports.system;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * In-port: the quarterly restore drill in one call. Restores a backup into a scratch home (or a scratch PostgreSQL
 * database), runs the checks, the status report and the audit verification there, removes the scratch copy, and
 * touches nothing else.
 */
public interface RestoreDrill {

    DrillReport drill(Path backup);

    record DrillReport(Path backup, List<DrillStep> steps) {
        public DrillReport {
            Objects.requireNonNull(backup, "backup");
            steps = List.copyOf(steps);
        }

        public boolean passed() {
            return !steps.isEmpty() && steps.stream().allMatch(DrillStep::ok);
        }
    }

    record DrillStep(String name, boolean ok, String detail) {
        public DrillStep {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
