package dev.z4j.domain.ingest;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.domain.support.Redaction;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.ingest.EventRow;
import dev.z4j.ports.ingest.QueueChange;
import dev.z4j.ports.ingest.TaskChange;
import dev.z4j.ports.ingest.WorkerChange;
import dev.z4j.ports.support.IsoDateTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the events of a batch into rows, before any database work: checks the fields that key them, clamps their
 * time, derives their ids, redacts and bounds their data, and says what each one tells about its task, worker and
 * queue. Events missing an engine or a kind, or with keys too long to store, are dropped (counted as rejected).
 */
final class EventPreparation {

    /** Times further in the past or future than these are replaced by the time of receipt (upstream's window). */
    static final Duration MAX_PAST = Duration.ofDays(400);
    static final Duration MAX_FUTURE = Duration.ofSeconds(60);
    static final int MAX_ENGINE = 40;
    static final int MAX_KIND = 80;
    static final int MAX_TASK_ID = 200;
    static final int MAX_NAME = 500;
    static final int MAX_LABEL = 200;

    private static final Pattern RANDOM_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[47][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");
    private static final java.util.Set<String> PRIORITIES = java.util.Set.of("critical", "high", "normal", "low");

    /** How a task event moves its task: the state it sets, its tier and its place in the lifecycle. */
    private record TaskKind(int tier, String state, int stage) {
    }

    private static final Map<String, TaskKind> TASK_KINDS = Map.of(
            "task.sent", new TaskKind(TaskChange.NO_STATE, null, 0),
            "task.received", new TaskKind(TaskChange.ACTIVE, "received", 1),
            "task.started", new TaskKind(TaskChange.ACTIVE, "started", 2),
            "task.retried", new TaskKind(TaskChange.ACTIVE, "retry", 3),
            "task.rejected", new TaskKind(TaskChange.ACTIVE, "rejected", 3),
            "task.succeeded", new TaskKind(TaskChange.TERMINAL, "success", 4),
            "task.failed", new TaskKind(TaskChange.TERMINAL, "failure", 5),
            "task.revoked", new TaskKind(TaskChange.TERMINAL, "revoked", 6));

    /** One event ready to store, with what it says about other rows (each may be null). */
    record Prepared(EventRow row, TaskChange task, WorkerChange worker, QueueChange queue) {
    }

    /** @param received how many events the batch held, prepared or not */
    record PreparedBatch(int received, List<Prepared> events) {
    }

    private EventPreparation() {
    }

    static PreparedBatch prepare(EventBatch batch, Instant now) {
        List<Prepared> events = new ArrayList<>(batch.events().size());
        for (Map<String, Object> event : batch.events()) {
            Prepared prepared = prepare(batch.projectId(), batch.agentId(), event, now);
            if (prepared != null) {
                events.add(prepared);
            }
        }
        return new PreparedBatch(batch.events().size(), events);
    }

    /** Null when the event cannot be stored. */
    static Prepared prepare(UUID project, UUID agent, Map<String, Object> event, Instant now) {
        String kind = label(event.get("kind"), MAX_KIND);
        String engine = label(event.get("engine"), MAX_ENGINE);
        Object rawTaskId = event.get("task_id");
        String taskId = rawTaskId == null ? "" : rawTaskId instanceof String s ? s : null;
        if (kind == null || engine == null || taskId == null || taskId.length() > MAX_TASK_ID) {
            return null;
        }
        Object rawTime = event.get("occurred_at");
        Instant stamped = rawTime instanceof String text
                ? IsoDateTime.parse(text).map(t -> t.instant().truncatedTo(ChronoUnit.MICROS)).orElse(null) : null;
        Instant occurredAt = stamped != null && !stamped.isBefore(now.minus(MAX_PAST))
                && !stamped.isAfter(now.plus(MAX_FUTURE)) ? stamped : now;
        UUID id = eventId(project, engine, taskId, kind, stamped, rawTime, event, occurredAt);

        Map<String, Object> data = event.get("data") instanceof Map<?, ?> map ? Redaction.data(stringKeys(map))
                : new LinkedHashMap<>();
        for (String key : new String[] {"args", "kwargs", "result"}) {
            if (data.get(key) != null) {
                data.put(key, Redaction.bounded(data.get(key), Redaction.MAX_VALUE_BYTES));
            }
        }
        UUID task = taskId.isEmpty() ? null : IngestIds.task(project, engine, taskId);
        EventRow row = new EventRow(id, project, agent, engine, taskId, task == null ? null : IngestIds.taskKey(task),
                kind, occurredAt, payload(data));
        return new Prepared(row, taskChange(task, project, engine, taskId, kind, occurredAt, now, data),
                worker(project, engine, kind, occurredAt, data), queue(project, engine, occurredAt, data));
    }

    private static UUID eventId(UUID project, String engine, String taskId, String kind, Instant stamped,
                                Object rawTime, Map<String, Object> event, Instant occurredAt) {
        if (!taskId.isEmpty()) {
            String moment = stamped != null ? Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, stamped))
                    : String.valueOf(rawTime);
            return IngestIds.taskEvent(project, engine, taskId, kind, moment, occurredAt);
        }
        if (event.get("id") instanceof String agentId && RANDOM_UUID.matcher(agentId).matches()) {
            return IngestIds.agentEvent(project, UUID.fromString(agentId), occurredAt);
        }
        return IngestIds.contentEvent(project, CanonicalJson.write(event), occurredAt);
    }

    private static String payload(Map<String, Object> data) {
        String json = CanonicalJson.write(data);
        int size = Redaction.utf8Length(json);
        return size <= Redaction.MAX_PAYLOAD_BYTES ? json
                : CanonicalJson.write(Redaction.truncatedMarker(json, size));
    }

    private static TaskChange taskChange(UUID task, UUID project, String engine, String taskId, String kind,
                                         Instant occurredAt, Instant now, Map<String, Object> data) {
        TaskKind rule = TASK_KINDS.get(kind);
        if (rule == null || task == null) {
            return null;
        }
        boolean received = kind.equals("task.received");
        boolean terminal = rule.tier() == TaskChange.TERMINAL;
        Instant stateAt = rule.tier() == TaskChange.NO_STATE ? null : occurredAt.isAfter(now) ? now : occurredAt;
        String parent = received ? relative(data.get("parent_task_id"), taskId) : null;
        String root = received ? relative(data.get("root_task_id"), taskId) : null;
        return new TaskChange(task, project, engine, taskId,
                truncated(data.get("task_name"), MAX_NAME), label(data.get("queue"), MAX_LABEL),
                data.get("priority") instanceof String p && PRIORITIES.contains(p) ? p : null,
                data.get("tags") instanceof List<?> tags ? CanonicalJson.write(tags) : null,
                rule.tier(), rule.state(), stateAt, rule.stage(),
                received ? occurredAt : null, received ? json(data.get("args")) : null,
                received ? json(data.get("kwargs")) : null, parent, root,
                received ? instant(data.get("eta")) : null,
                kind.equals("task.started") ? occurredAt : null, label(data.get("worker"), MAX_LABEL),
                terminal ? occurredAt : null,
                kind.equals("task.succeeded") ? json(data.get("result")) : null,
                kind.equals("task.succeeded") ? runtimeMs(data) : null,
                kind.equals("task.failed") ? exception(data) : null,
                kind.equals("task.failed") && data.get("traceback") instanceof String tb ? tb : null,
                kind.equals("task.retried") ? 1 : 0, occurredAt, occurredAt);
    }

    /** {@code data.worker} of a task event, or the worker a {@code worker.*} event is about. */
    private static WorkerChange worker(UUID project, String engine, String kind, Instant occurredAt,
                                       Map<String, Object> data) {
        String name = label(data.get("worker"), MAX_LABEL);
        String state = "online";
        if (kind.startsWith("worker.")) {
            for (String key : new String[] {"worker_name", "worker", "hostname"}) {
                if (name == null) {
                    name = label(data.get(key), MAX_LABEL);
                }
            }
            state = kind.equals("worker.offline") ? "offline" : "online";
        }
        return name == null ? null
                : new WorkerChange(IngestIds.worker(project, engine, name), project, engine, name, state, occurredAt,
                        null);
    }

    private static QueueChange queue(UUID project, String engine, Instant occurredAt, Map<String, Object> data) {
        String name = label(data.get("queue"), MAX_LABEL);
        return name == null ? null
                : new QueueChange(IngestIds.queue(project, engine, name), project, engine, name, occurredAt, null);
    }

    private static String exception(Map<String, Object> data) {
        String type = data.get("exception") instanceof String s && !s.isBlank() ? s : null;
        String message = data.get("exception_message") instanceof String s && !s.isBlank() ? s : null;
        if (type == null && message == null) {
            return null;
        }
        return Redaction.cut(type == null ? message : message == null ? type : type + ": " + message);
    }

    private static Long runtimeMs(Map<String, Object> data) {
        if (data.get("runtime_ms") instanceof Number ms) {
            return ms.longValue();
        }
        if (data.get("runtime") instanceof Number seconds) {
            return Math.round(seconds.doubleValue() * 1000);
        }
        return null;
    }

    /** A parent or root id: another task of the same project, never the task itself. */
    private static String relative(Object value, String taskId) {
        String id = label(value, MAX_TASK_ID);
        return id == null || id.equals(taskId) ? null : id;
    }

    private static Instant instant(Object value) {
        return value instanceof String text
                ? IsoDateTime.parse(text).map(t -> t.instant().truncatedTo(ChronoUnit.MICROS)).orElse(null) : null;
    }

    private static String json(Object value) {
        return value == null ? null : CanonicalJson.write(value);
    }

    /** A non-blank string of at most {@code max} characters, else null. */
    static String label(Object value, int max) {
        return value instanceof String s && !s.isBlank() && s.length() <= max ? s : null;
    }

    private static String truncated(Object value, int max) {
        if (!(value instanceof String s) || s.isBlank()) {
            return null;
        }
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
