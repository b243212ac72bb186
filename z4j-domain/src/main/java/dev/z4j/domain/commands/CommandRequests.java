package dev.z4j.domain.commands;

import dev.z4j.domain.support.CanonicalJson;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.support.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads an issuance request (the JSON body of a command route, upstream's field names) into the command an agent
 * receives: its action, target and parameters, and the permission it needs. Every rule here refuses with INVALID
 * and names the field; nothing is looked up.
 */
final class CommandRequests {

    /** Per call; upstream's cap. */
    static final int MAX_BULK = 10_000;
    static final int DEFAULT_BULK = 1_000;
    static final int MAX_JSON_BYTES = 64 * 1024;
    private static final int MAX_NAME = 200;
    private static final int MAX_TASK_NAME = 500;
    private static final int MAX_ENGINE = 40;
    private static final int MAX_ETA_SECONDS = 86_400;
    private static final int MAX_POOL_DELTA = 100;
    private static final Pattern RATE = Pattern.compile("0|[1-9]\\d{0,8}(/[smh])?");
    private static final Set<String> PRIORITIES = Set.of("critical", "high", "normal", "low");
    /** Filter keys the brain owns in a bulk retry: a client that sends them is ignored for them (and audited). */
    static final Set<String> SERVER_OWNED_FILTER_KEYS = Set.of("task_names", "task_priorities", "overrides");

    /** The route names, in the order the API documents them. */
    static final List<String> ROUTES = List.of("retry-task", "cancel-task", "bulk-retry", "purge-queue",
            "restart-worker", "pool-resize", "add-consumer", "cancel-consumer", "rate-limit");
    /**
     * Issued by the schedules in-port for a stored schedule (not REST routes of their own): the request carries the
     * schedule's id, name, scheduler, engine and external id.
     */
    static final List<String> SCHEDULE_ROUTES = List.of("schedule-enable", "schedule-disable", "schedule-trigger");

    private CommandRequests() {
    }

    /**
     * A command as the agent will receive it, before it has an id.
     *
     * @param engine         the engine the command is for, when the request names one: only agents serving it can run it
     * @param scheduler      the scheduler a schedule command is for: only agents running it can, and only if it
     *                       can do the action (when the agent lists its capabilities)
     * @param auditMetadata  what the audit row adds beyond the target (never a parameter value)
     */
    record Draft(String action, String targetType, Optional<String> targetId, Map<String, Object> parameters,
                 Optional<String> engine, Optional<String> scheduler, Optional<UUID> agentId,
                 Optional<String> idempotencyKey, Map<String, Object> auditMetadata) {
        Draft {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(targetType, "targetType");
            Objects.requireNonNull(targetId, "targetId");
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            auditMetadata = Map.copyOf(auditMetadata);
        }

        Draft withParameters(Map<String, Object> newParameters) {
            return new Draft(action, targetType, targetId, newParameters, engine, scheduler, agentId, idempotencyKey,
                    auditMetadata);
        }
    }

    /** The permission a route needs; INVALID {@code unknown_command} for a route that does not exist. */
    static Action permission(String route) {
        return switch (route) {
            case "retry-task", "cancel-task", "bulk-retry" -> Action.TASKS_OPERATE;
            case "purge-queue" -> Action.QUEUES_PURGE;
            case "restart-worker", "pool-resize", "add-consumer", "cancel-consumer", "rate-limit" ->
                    Action.WORKERS_OPERATE;
            case "schedule-enable", "schedule-disable", "schedule-trigger" -> Action.SCHEDULES_OPERATE;
            default -> throw Refusal.invalid("unknown_command", "there is no command '" + route + "'; use one of "
                    + String.join(", ", ROUTES), Map.of("known", ROUTES));
        };
    }

    static Draft read(String route, Map<String, Object> request) {
        permission(route);
        Fields in = new Fields(request);
        Optional<UUID> agentId = in.optionalText("agent_id", 36).map(CommandRequests::uuid);
        Optional<String> key = in.optionalText("idempotency_key", MAX_NAME);
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Object> audit = new LinkedHashMap<>();
        Optional<String> engine = in.optionalText("engine", MAX_ENGINE);
        Optional<String> scheduler = Optional.empty();
        String action;
        String targetType;
        Optional<String> targetId;
        switch (route) {
            case "retry-task", "cancel-task" -> {
                String engineName = in.text("engine", MAX_ENGINE);
                String taskId = in.text("task_id", MAX_NAME);
                parameters.put("engine", engineName);
                parameters.put("task_id", taskId);
                if (route.equals("retry-task")) {
                    in.optionalList("override_args").ifPresent(v -> parameters.put("override_args", bounded("override_args", v)));
                    in.optionalObject("override_kwargs").ifPresent(v -> parameters.put("override_kwargs",
                            bounded("override_kwargs", v)));
                    in.optionalInt("eta_seconds", 0, MAX_ETA_SECONDS).ifPresent(v -> parameters.put("eta_seconds", v));
                    in.optionalText("priority", 20).ifPresent(p -> {
                        if (!PRIORITIES.contains(p)) {
                            throw invalid("priority", "priority must be one of critical, high, normal, low");
                        }
                        parameters.put("priority", p);
                    });
                }
                action = route.equals("retry-task") ? "retry_task" : "cancel_task";
                targetType = "task";
                targetId = Optional.of(engineName + ":" + taskId);
            }
            case "bulk-retry" -> {
                Map<String, Object> filter = new LinkedHashMap<>(in.optionalObject("filter").orElse(Map.of()));
                List<String> rejected = new ArrayList<>();
                for (String owned : SERVER_OWNED_FILTER_KEYS.stream().sorted().toList()) {
                    if (filter.remove(owned) != null) {
                        rejected.add(owned);
                    }
                }
                if (filter.get("task_ids") instanceof List<?> ids && ids.size() > MAX_BULK) {
                    throw Refusal.invalid("bulk_limit", "a bulk retry names at most " + MAX_BULK + " tasks; split it",
                            Map.of("field", "filter.task_ids", "max", MAX_BULK));
                }
                int max = in.optionalInt("max", 1, Integer.MAX_VALUE).orElse(DEFAULT_BULK);
                if (max > MAX_BULK) {
                    throw Refusal.invalid("bulk_limit", "a bulk retry retries at most " + MAX_BULK
                            + " tasks per call; lower max or split the filter", Map.of("field", "max", "max", MAX_BULK));
                }
                if (engine.isEmpty() && filter.get("engine") instanceof String e && !e.isBlank()) {
                    engine = Optional.of(e);
                }
                parameters.put("filter", bounded("filter", filter));
                parameters.put("max", max);
                if (!rejected.isEmpty()) {
                    parameters.put("rejected_client_supplied_filter_keys", rejected);
                    audit.put("rejected_filter_keys", rejected);
                }
                action = "bulk_retry";
                targetType = "bulk";
                targetId = Optional.empty();
            }
            case "purge-queue" -> {
                String queue = in.text("queue", MAX_NAME);
                Optional<String> token = in.optionalText("confirm_token", MAX_NAME);
                boolean force = in.optionalBoolean("force").orElse(false);
                if (token.isEmpty() && !force) {
                    throw Refusal.invalid("confirmation_required", "purging a queue deletes its messages: send the "
                            + "confirm_token for the depth you saw, or force=true", Map.of("field", "confirm_token"));
                }
                parameters.put("queue", queue);
                token.ifPresent(t -> parameters.put("confirm_token", t));
                parameters.put("force", force);
                audit.put("force", force);
                action = "purge_queue";
                targetType = "queue";
                targetId = Optional.of(queue);
            }
            case "restart-worker" -> {
                String worker = in.text("worker_name", MAX_NAME);
                parameters.put("worker_name", worker);
                action = "restart_worker";
                targetType = "worker";
                targetId = Optional.of(worker);
            }
            case "pool-resize" -> {
                String worker = in.text("worker_name", MAX_NAME);
                int delta = in.optionalInt("delta", -MAX_POOL_DELTA, MAX_POOL_DELTA)
                        .orElseThrow(() -> invalid("delta", "delta is required (-100..100, not 0)"));
                if (delta == 0) {
                    throw invalid("delta", "delta must not be 0: positive grows the pool, negative shrinks it");
                }
                parameters.put("worker_name", worker);
                parameters.put("delta", Math.abs(delta));
                action = delta > 0 ? "pool_grow" : "pool_shrink";
                targetType = "worker";
                targetId = Optional.of(worker);
            }
            case "add-consumer", "cancel-consumer" -> {
                String worker = in.text("worker_name", MAX_NAME);
                String queue = in.text("queue", MAX_NAME);
                parameters.put("worker_name", worker);
                parameters.put("queue", queue);
                action = route.equals("add-consumer") ? "add_consumer" : "cancel_consumer";
                targetType = "worker";
                targetId = Optional.of(worker);
            }
            case "rate-limit" -> {
                String taskName = in.text("task_name", MAX_TASK_NAME);
                String rate = in.text("rate", 20);
                if (!RATE.matcher(rate).matches()) {
                    throw invalid("rate", "rate must be 0, N, or N/s, N/m, N/h (tasks per second, minute, hour)");
                }
                parameters.put("task_name", taskName);
                parameters.put("rate", rate);
                parameters.put("worker_name", in.optionalText("worker_name", MAX_NAME).orElse(null));
                action = "rate_limit";
                targetType = "task";
                targetId = Optional.of(taskName);
            }
            case "schedule-enable", "schedule-disable", "schedule-trigger" -> {
                String scheduleId = in.text("schedule_id", 36);
                String name = in.text("schedule_name", MAX_NAME);
                scheduler = Optional.of(in.text("scheduler", MAX_ENGINE));
                // Upstream's agents look a schedule up by name: schedule_id carries the name, as upstream sends it.
                parameters.put("schedule_id", name);
                parameters.put("schedule_name", name);
                parameters.put("external_id", in.optionalText("external_id", MAX_NAME).orElse(null));
                parameters.put("scheduler", scheduler.get());
                action = switch (route) {
                    case "schedule-enable" -> "schedule.enable";
                    case "schedule-disable" -> "schedule.disable";
                    default -> "schedule.trigger_now";
                };
                targetType = "schedule";
                targetId = Optional.of(scheduleId);
            }
            default -> throw new IllegalStateException("route " + route + " has a permission but no reader");
        }
        if (!route.equals("retry-task") && !route.equals("cancel-task")) {
            engine.ifPresent(e -> parameters.putIfAbsent("engine", e));
        } else {
            engine = Optional.of((String) parameters.get("engine"));
        }
        return new Draft(action, targetType, targetId, parameters, engine, scheduler, agentId, key, audit);
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw invalid("agent_id", "agent_id must be an agent's UUID");
    }

    private static <T> T bounded(String field, T value) {
        int bytes = CanonicalJson.write(value).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_JSON_BYTES) {
            throw Refusal.invalid("too_large", field + " is " + bytes + " bytes of JSON; at most " + MAX_JSON_BYTES
                    + " are allowed", Map.of("field", field, "max_bytes", MAX_JSON_BYTES));
        }
        return value;
    }

    static Refusal invalid(String field, String message) {
        return Refusal.invalid("invalid_field", message, Map.of("field", field));
    }

    /** Typed access to the request's fields; absent and JSON null are the same. */
    private record Fields(Map<String, Object> values) {

        String text(String name, int maxLength) {
            return optionalText(name, maxLength).orElseThrow(() -> invalid(name, name + " is required"));
        }

        Optional<String> optionalText(String name, int maxLength) {
            Object value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String text) || text.isBlank()) {
                throw invalid(name, name + " must be a non-empty string");
            }
            if (text.codePointCount(0, text.length()) > maxLength) {
                throw invalid(name, name + " must be at most " + maxLength + " characters");
            }
            if (text.codePoints().anyMatch(Character::isISOControl)) {
                throw invalid(name, name + " must not contain control characters");
            }
            return Optional.of(text);
        }

        Optional<Integer> optionalInt(String name, int min, int max) {
            Object value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
                throw invalid(name, name + " must be a whole number");
            }
            long number = ((Number) value).longValue();
            if (number < min || number > max) {
                throw invalid(name, name + " must be between " + min + " and " + max);
            }
            return Optional.of((int) number);
        }

        Optional<Boolean> optionalBoolean(String name) {
            Object value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Boolean b)) {
                throw invalid(name, name + " must be true or false");
            }
            return Optional.of(b);
        }

        @SuppressWarnings("unchecked")
        Optional<Map<String, Object>> optionalObject(String name) {
            Object value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw invalid(name, name + " must be a JSON object");
            }
            return Optional.of((Map<String, Object>) map);
        }

        Optional<List<?>> optionalList(String name) {
            Object value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof List<?> list)) {
                throw invalid(name, name + " must be a JSON array");
            }
            return Optional.of(list);
        }
    }
}
