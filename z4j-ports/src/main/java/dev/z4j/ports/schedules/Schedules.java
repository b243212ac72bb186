package dev.z4j.ports.schedules;

import dev.z4j.ports.commands.CommandView;
import dev.z4j.ports.identity.Caller;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * In-port: the project's schedules as their schedulers report them, and the operator's switches on them, which
 * travel to the scheduler's agent as commands ({@code schedule.enable}, {@code schedule.disable},
 * {@code schedule.trigger_now}).
 */
public interface Schedules {

    SchedulePage list(Caller caller, String projectSlug, Optional<String> cursor, int limit);

    /** @throws dev.z4j.ports.support.Refusal NOT_FOUND {@code schedule_not_found} */
    ScheduleView get(Caller caller, String projectSlug, UUID scheduleId);

    /**
     * Issues the command for {@code action} ({@code enable}, {@code disable}, {@code trigger}) to an agent running
     * the schedule's scheduler; enabling and disabling also record the new flag at once (upstream's optimistic
     * update), which the scheduler's next report confirms or corrects.
     *
     * @throws dev.z4j.ports.support.Refusal NOT_FOUND, FORBIDDEN, INVALID {@code action_not_supported} when the
     *         scheduler's agent reports it cannot do that, BUSY {@code agent_offline}
     */
    ScheduleCommand act(Caller caller, String projectSlug, UUID scheduleId, String action);

    /** The schedule after the action, and the command that carries it. */
    record ScheduleCommand(ScheduleView schedule, CommandView command) {
        public ScheduleCommand {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(command, "command");
        }
    }
}
