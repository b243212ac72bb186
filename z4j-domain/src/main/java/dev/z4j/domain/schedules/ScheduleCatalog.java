package dev.z4j.domain.schedules;

import dev.z4j.domain.support.NameBasedUuid;
import dev.z4j.domain.support.Redaction;
import dev.z4j.ports.commands.Commands;
import dev.z4j.ports.commands.IssuedCommand;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.schedules.SchedulePage;
import dev.z4j.ports.schedules.ScheduleReports;
import dev.z4j.ports.schedules.ScheduleStore;
import dev.z4j.ports.schedules.ScheduleView;
import dev.z4j.ports.schedules.Schedules;
import dev.z4j.ports.support.IsoDateTime;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.Transactions;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Schedules as the agents' schedulers report them, and the operator's switches on them.
 *
 * <p>Reports: {@code schedule.snapshot} ({@code data = {scheduler, schedules: [...]}}) replaces the scheduler's
 * schedules in the project (those absent are deleted); {@code schedule.created} / {@code schedule.updated}
 * ({@code data.schedule}) upsert one; {@code schedule.deleted} deletes it. A report older than what is stored for a
 * schedule does not overwrite it. Arguments are redacted and bounded like task arguments.
 *
 * <p>Switches: enable, disable and trigger are commands ({@code schedule.enable}, {@code schedule.disable},
 * {@code schedule.trigger_now}) issued through the commands in-port to an agent running the schedule's scheduler;
 * enable and disable also record the flag at once, which the scheduler's next report confirms or corrects.
 */
public final class ScheduleCatalog implements Schedules, ScheduleReports {

    private static final System.Logger LOG = System.getLogger(ScheduleCatalog.class.getName());
    /** Ids of schedules: version 5 UUIDs of (project, scheduler, name) under ingest's namespace. */
    static final UUID NAMESPACE = UUID.fromString("c4d2c84e-2f0a-4b6c-9c5b-1d6f9a1e7c2a");
    static final int MAX_PAGE = 500;
    private static final int MAX_NAME = 200;
    private static final int MAX_ADAPTER = 40;
    private static final int MAX_TEXT = 1024;
    /** A report stamped further ahead than this is read as "now". */
    private static final long MAX_FUTURE_SECONDS = 60;
    private static final Map<String, String> ROUTES = Map.of("enable", "schedule-enable", "disable",
            "schedule-disable", "trigger", "schedule-trigger");

    private final ScheduleStore store;
    private final Commands commands;
    private final ProjectAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public ScheduleCatalog(ScheduleStore store, Commands commands, ProjectAccess access, Transactions transactions,
                           Clock clock) {
        this.store = store;
        this.commands = commands;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public SchedulePage list(Caller caller, String projectSlug, Optional<String> cursor, int limit) {
        return transactions.inTransaction(() -> {
            UUID projectId = access.authorize(caller, projectSlug, Action.ENGINE_VIEW).project().id();
            int size = Math.max(1, Math.min(MAX_PAGE, limit));
            List<ScheduleView> rows = store.list(projectId, cursor.flatMap(ScheduleCatalog::after), size + 1);
            if (rows.size() <= size) {
                return new SchedulePage(rows, Optional.empty());
            }
            List<ScheduleView> page = rows.subList(0, size);
            return new SchedulePage(page, Optional.of(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(page.get(size - 1).id().toString().getBytes(StandardCharsets.UTF_8))));
        });
    }

    @Override
    public ScheduleView get(Caller caller, String projectSlug, UUID scheduleId) {
        return transactions.inTransaction(() -> {
            UUID projectId = access.authorize(caller, projectSlug, Action.ENGINE_VIEW).project().id();
            return find(projectId, scheduleId);
        });
    }

    @Override
    public ScheduleCommand act(Caller caller, String projectSlug, UUID scheduleId, String action) {
        String route = ROUTES.get(action);
        if (route == null) {
            throw Refusal.invalid("unknown_action", "a schedule can be enabled, disabled or triggered, not '" + action
                    + "'", Map.of("known", List.of("enable", "disable", "trigger")));
        }
        ScheduleView schedule = transactions.inTransaction(() -> find(
                access.authorize(caller, projectSlug, Action.SCHEDULES_OPERATE).project().id(), scheduleId));
        Map<String, Object> request = new HashMap<>();
        request.put("schedule_id", schedule.id().toString());
        request.put("schedule_name", schedule.name());
        request.put("scheduler", schedule.scheduler());
        request.put("engine", schedule.engine());
        schedule.externalId().ifPresent(id -> request.put("external_id", id));
        IssuedCommand issued = commands.issue(caller, projectSlug, route, request);
        if (!action.equals("trigger")) {
            transactions.inTransaction(() -> store.setEnabled(schedule.projectId(), schedule.id(),
                    action.equals("enable"), now()));
        }
        return new ScheduleCommand(store.find(schedule.projectId(), schedule.id()).orElse(schedule),
                issued.command());
    }

    @Override
    public void report(UUID projectId, UUID agentId, List<Map<String, Object>> events) {
        Instant now = now();
        transactions.inTransaction(() -> {
            for (Map<String, Object> event : events) {
                try {
                    apply(projectId, event, now);
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.DEBUG, "ignored a schedule report of agent {0}: {1}", agentId, e.getMessage());
                }
            }
            return null;
        });
    }

    private void apply(UUID projectId, Map<String, Object> event, Instant now) {
        String kind = String.valueOf(event.get("kind"));
        String engine = text(event.get("engine"), MAX_ADAPTER).orElseThrow(() -> bad("an event without an engine"));
        Map<String, Object> data = object(event.get("data"));
        Instant reportedAt = reportedAt(event.get("occurred_at"), now);
        switch (kind) {
            case "schedule.snapshot" -> {
                String scheduler = text(data.get("scheduler"), MAX_ADAPTER).orElse(engine);
                if (!(data.get("schedules") instanceof List<?> reported)) {
                    throw bad("a snapshot without a schedules list");
                }
                Set<String> names = new LinkedHashSet<>();
                List<ScheduleView> rows = new ArrayList<>();
                for (Object item : reported) {
                    Map<String, Object> schedule = object(item);
                    text(schedule.get("name"), MAX_NAME).ifPresent(names::add);
                    try {
                        rows.add(row(projectId, engine, scheduler, schedule, reportedAt, now));
                    } catch (IllegalArgumentException e) {
                        LOG.log(Level.DEBUG, "ignored a schedule of a snapshot: {0}", e.getMessage());
                    }
                }
                store.upsert(rows);
                store.deleteAbsent(projectId, scheduler, names);
            }
            case "schedule.created", "schedule.updated" -> {
                Map<String, Object> schedule = object(data.get("schedule"));
                String scheduler = text(schedule.get("scheduler"), MAX_ADAPTER).orElse(engine);
                store.upsert(List.of(row(projectId, engine, scheduler, schedule, reportedAt, now)));
            }
            case "schedule.deleted" -> {
                Map<String, Object> schedule = data.get("schedule") instanceof Map<?, ?> ? object(data.get("schedule"))
                        : data;
                String name = text(schedule.get("name"), MAX_NAME).orElseThrow(() -> bad("a deletion without a name"));
                store.delete(projectId, text(schedule.get("scheduler"), MAX_ADAPTER).orElse(engine), name);
            }
            default -> throw bad("not a schedule report: " + kind);
        }
    }

    private static ScheduleView row(UUID projectId, String eventEngine, String scheduler, Map<String, Object> s,
                                    Instant reportedAt, Instant now) {
        String name = text(s.get("name"), MAX_NAME).orElseThrow(() -> bad("a schedule without a name"));
        String engine = text(s.get("engine"), MAX_ADAPTER).orElse(eventEngine);
        Object args = s.get("args") instanceof List<?> list ? list : List.of();
        Map<String, Object> kwargs = s.get("kwargs") instanceof Map<?, ?> ? object(s.get("kwargs")) : Map.of();
        Object redactedKwargs = Redaction.bounded(Redaction.value(kwargs), Redaction.MAX_VALUE_BYTES);
        return new ScheduleView(id(projectId, scheduler, name), projectId, engine, scheduler, name,
                text(s.get("task_name"), MAX_TEXT).orElse(""), text(s.get("kind"), MAX_ADAPTER).orElse("unknown"),
                s.get("expression") == null ? "" : cut(String.valueOf(s.get("expression"))),
                text(s.get("timezone"), 64).orElse("UTC"), text(s.get("queue"), MAX_NAME),
                Redaction.bounded(Redaction.value(args), Redaction.MAX_VALUE_BYTES),
                redactedKwargs instanceof Map<?, ?> ? object(redactedKwargs) : Map.of("z4j_truncated", true),
                !(s.get("is_enabled") instanceof Boolean enabled) || enabled,
                instant(s.get("last_run_at")), instant(s.get("next_run_at")),
                s.get("total_runs") instanceof Number n ? Math.max(0, n.longValue()) : 0,
                text(s.get("external_id"), MAX_NAME), reportedAt, now, now);
    }

    static UUID id(UUID projectId, String scheduler, String name) {
        return NameBasedUuid.v5(NAMESPACE, "schedule:" + projectId + ":" + scheduler.length() + ":" + scheduler
                + name);
    }

    private ScheduleView find(UUID projectId, UUID scheduleId) {
        return store.find(projectId, scheduleId).orElseThrow(() ->
                Refusal.notFound("schedule_not_found", "schedule " + scheduleId + " not found in this project"));
    }

    private static Optional<UUID> after(String cursor) {
        try {
            return Optional.of(UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor),
                    StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_cursor", "the cursor is not one this brain returned; start again "
                    + "without it", Map.of("field", "cursor"));
        }
    }

    private static Instant reportedAt(Object occurredAt, Instant now) {
        Instant at = occurredAt instanceof String text ? IsoDateTime.parse(text).map(IsoDateTime::instant).orElse(now)
                : now;
        return at.isAfter(now.plusSeconds(MAX_FUTURE_SECONDS)) ? now : at.truncatedTo(ChronoUnit.MICROS);
    }

    private static Optional<Instant> instant(Object value) {
        return value instanceof String text
                ? IsoDateTime.parse(text).map(t -> t.instant().truncatedTo(ChronoUnit.MICROS)) : Optional.empty();
    }

    private static Optional<String> text(Object value, int maxLength) {
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        if (text.codePointCount(0, text.length()) > maxLength || text.codePoints().anyMatch(Character::isISOControl)) {
            throw bad("a value longer than " + maxLength + " characters or with control characters");
        }
        return Optional.of(text);
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw bad("an object was expected");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) map).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static IllegalArgumentException bad(String what) {
        return new IllegalArgumentException(what);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
