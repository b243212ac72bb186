package dev.z4j.ports.schedules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A periodic schedule as its scheduler last reported it (upstream's SchedulePublic), keyed by project, scheduler and
 * name.
 *
 * @param scheduler  who owns and runs it ({@code celery-beat}, {@code rq-scheduler}, ...)
 * @param args       a JSON array, redacted and bounded like task arguments
 * @param kwargs     a JSON object, likewise
 * @param reportedAt when the agent's report about it occurred: older reports do not overwrite newer ones
 */
public record ScheduleView(UUID id, UUID projectId, String engine, String scheduler, String name, String taskName,
                           String kind, String expression, String timezone, Optional<String> queue, Object args,
                           Map<String, Object> kwargs, boolean enabled, Optional<Instant> lastRunAt,
                           Optional<Instant> nextRunAt, long totalRuns, Optional<String> externalId,
                           Instant reportedAt, Instant createdAt, Instant updatedAt) {

    public ScheduleView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(args, "args");
        kwargs = Map.copyOf(kwargs);
        Objects.requireNonNull(lastRunAt, "lastRunAt");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
