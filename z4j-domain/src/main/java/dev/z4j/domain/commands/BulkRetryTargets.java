package dev.z4j.domain.commands;

import dev.z4j.domain.commands.CommandRequests.Draft;
import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.commands.CommandStore;
import dev.z4j.ports.ingest.TaskFilter;
import dev.z4j.ports.ingest.TaskReadStore;
import dev.z4j.ports.ingest.TaskSummary;
import dev.z4j.ports.support.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Names the tasks of a bulk retry for the agent. The upstream agents act only on explicit {@code filter.task_ids}
 * (Celery's answers a filter without them with a failure, RQ's with a no-op), so a retry by filter is resolved here
 * against the project's own tasks, newest first, up to {@code max}, read as the task list reads its filters
 * ({@link TaskFilter#read}), and of the request's engine. Every named task also carries its stored name and priority
 * ({@code filter.task_names}, {@code filter.task_priorities}, maps by task id), so a retried task keeps its priority.
 */
final class BulkRetryTargets {

    static final int PAGE = 500;
    /** Agents refuse frames over 1 MiB (SPEC §6); this leaves room for the envelope around the parameters. */
    static final int MAX_PARAMETERS_BYTES = 768 * 1024;

    private final TaskReadStore tasks;
    private final CommandStore commands;

    BulkRetryTargets(TaskReadStore tasks, CommandStore commands) {
        this.tasks = tasks;
        this.commands = commands;
    }

    /** The draft with its filter naming the tasks to retry; refuses a filter no task of the project matches. */
    @SuppressWarnings("unchecked")
    Draft resolve(UUID projectId, Draft draft) {
        Map<String, Object> filter = new LinkedHashMap<>((Map<String, Object>) draft.parameters().get("filter"));
        int max = (Integer) draft.parameters().get("max");
        Map<String, Object> names = new LinkedHashMap<>();
        Map<String, Object> priorities = new LinkedHashMap<>();
        if (filter.get("task_ids") instanceof List<?> ids && !ids.isEmpty()) {
            draft.engine().ifPresent(engine -> ids.stream().map(String::valueOf).forEach(id ->
                    commands.task(projectId, engine, id).ifPresent(origin -> {
                        origin.name().ifPresent(n -> names.put(id, n));
                        origin.priority().ifPresent(p -> priorities.put(id, p));
                    })));
        } else {
            List<String> ids = new ArrayList<>();
            for (TaskSummary task : matching(projectId, draft.engine(), taskFilter(filter), max)) {
                ids.add(task.taskId());
                task.name().ifPresent(n -> names.put(task.taskId(), n));
                task.priority().ifPresent(p -> priorities.put(task.taskId(), p));
            }
            if (ids.isEmpty()) {
                throw Refusal.invalid("nothing_to_retry", "no task of this project matches the filter, so there is "
                        + "nothing to retry; check the filter against the task list", Map.of("field", "filter"));
            }
            filter.put("task_ids", ids);
        }
        if (!names.isEmpty()) {
            filter.put("task_names", names);
        }
        if (!priorities.isEmpty()) {
            filter.put("task_priorities", priorities);
        }
        Map<String, Object> parameters = new LinkedHashMap<>(draft.parameters());
        parameters.put("filter", filter);
        int bytes = CanonicalJson.write(parameters).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PARAMETERS_BYTES) {
            List<?> named = (List<?>) filter.get("task_ids");
            long fit = (long) named.size() * MAX_PARAMETERS_BYTES / bytes;
            throw Refusal.invalid("too_large", "the " + named.size() + " tasks this bulk retry names make a command of "
                    + bytes + " bytes, more than an agent accepts in one frame: lower max to about " + fit
                    + " or narrow the filter, and retry the rest with another call",
                    Map.of("field", "max", "max_bytes", MAX_PARAMETERS_BYTES));
        }
        return draft.withParameters(parameters);
    }

    private List<TaskSummary> matching(UUID projectId, Optional<String> engine, TaskFilter filter, int max) {
        List<TaskSummary> found = new ArrayList<>();
        Optional<TaskReadStore.Position> after = Optional.empty();
        while (found.size() < max) {
            List<TaskSummary> page = tasks.tasks(projectId, filter, after, PAGE);
            for (TaskSummary task : page) {
                if (found.size() < max && engine.map(task.engine()::equals).orElse(true)) {
                    found.add(task);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            TaskSummary last = page.get(page.size() - 1);
            after = Optional.of(new TaskReadStore.Position(last.firstSeenAt(), last.id()));
        }
        return found;
    }

    private static TaskFilter taskFilter(Map<String, Object> filter) {
        return TaskFilter.read(filter::get, (field, message) -> Refusal.invalid("invalid_field", message,
                Map.of("field", "filter." + field)));
    }
}
