package dev.z4j.ports.ingest;

import java.util.Objects;
import java.util.Optional;

/**
 * A task with everything stored about it. JSON fields are JSON text as stored (redacted, and over 64 KiB replaced by
 * a {@code z4j_truncated} marker at ingest).
 *
 * @param exception {@code "<class>: <message>"} of a failure
 */
public record TaskDetail(TaskSummary summary, Optional<String> argsJson, Optional<String> kwargsJson,
                         Optional<String> resultJson, Optional<String> exception, Optional<String> traceback) {

    public TaskDetail {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(kwargsJson, "kwargsJson");
        Objects.requireNonNull(resultJson, "resultJson");
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(traceback, "traceback");
    }
}
