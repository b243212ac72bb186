package dev.z4j.ports.ingest;

import dev.z4j.ports.audit.AuditQuery;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Which tasks a list or an export shows; every part optional, all parts must match.
 *
 * @param states any of these states (empty: every state)
 * @param name   a part of the task's name, case-sensitive
 * @param queue  the queue, exactly
 * @param worker the worker that started it, exactly
 * @param search a part of the name, queue, worker or engine task id, case-insensitive (ASCII letters on SQLite)
 * @param since  first seen at or after (inclusive)
 * @param until  first seen before (exclusive)
 */
public record TaskFilter(Set<TaskState> states, Optional<String> name, Optional<String> queue,
                         Optional<String> worker, Optional<String> search, Optional<Instant> since,
                         Optional<Instant> until) {

    /** Longer texts cannot match anything stored (names are cut at 500 characters) and cost only a scan. */
    public static final int MAX_TEXT = 500;

    public TaskFilter {
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        name = text(name, "name");
        queue = text(queue, "queue");
        worker = text(worker, "worker");
        search = text(search, "search");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }

    public static TaskFilter all() {
        return new TaskFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public TaskFilter withStates(Set<TaskState> newStates) {
        return new TaskFilter(newStates, name, queue, worker, search, since, until);
    }

    public TaskFilter withName(String part) {
        return new TaskFilter(states, Optional.of(part), queue, worker, search, since, until);
    }

    public TaskFilter withQueue(String exact) {
        return new TaskFilter(states, name, Optional.of(exact), worker, search, since, until);
    }

    public TaskFilter withWorker(String exact) {
        return new TaskFilter(states, name, queue, Optional.of(exact), search, since, until);
    }

    public TaskFilter withSearch(String part) {
        return new TaskFilter(states, name, queue, worker, Optional.of(part), since, until);
    }

    public TaskFilter withSince(Instant from) {
        return new TaskFilter(states, name, queue, worker, search, Optional.of(from), until);
    }

    public TaskFilter withUntil(Instant to) {
        return new TaskFilter(states, name, queue, worker, search, since, Optional.of(to));
    }

    /**
     * The filters as named values, a query string's or a bulk retry's: {@code state} (comma-separated, or a list),
     * {@code name}, {@code queue}, {@code worker}, {@code search}, {@code since}, {@code until} (as
     * {@link AuditQuery#parseTime} reads them); an absent or blank value filters nothing.
     *
     * @param invalid the refusal for a bad value, from the field's name and what is wrong with it
     */
    public static TaskFilter read(Function<String, Object> values,
                                  BiFunction<String, String, RuntimeException> invalid) {
        TaskFilter filter = all();
        Object states = values.apply("state");
        List<?> named = states instanceof List<?> list ? list
                : states == null || states.toString().isBlank() ? List.of() : List.of(states.toString().split(","));
        if (!named.isEmpty()) {
            Set<TaskState> parsed = EnumSet.noneOf(TaskState.class);
            for (Object state : named) {
                parsed.add(TaskState.fromWire(String.valueOf(state).strip()).orElseThrow(() -> invalid.apply("state",
                        "state must be one or more (comma-separated) of pending, received, started, success, "
                                + "failure, retry, revoked, rejected, unknown")));
            }
            filter = filter.withStates(parsed);
        }
        filter = text(values, "name", invalid).map(filter::withName).orElse(filter);
        filter = text(values, "queue", invalid).map(filter::withQueue).orElse(filter);
        filter = text(values, "worker", invalid).map(filter::withWorker).orElse(filter);
        filter = text(values, "search", invalid).map(filter::withSearch).orElse(filter);
        Optional<Instant> from = text(values, "since", invalid).map(t -> time("since", t, invalid));
        Optional<Instant> to = text(values, "until", invalid).map(t -> time("until", t, invalid));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw invalid.apply("until", "until must be later than since");
        }
        filter = from.map(filter::withSince).orElse(filter);
        return to.map(filter::withUntil).orElse(filter);
    }

    private static Optional<String> text(Function<String, Object> values, String field,
                                         BiFunction<String, String, RuntimeException> invalid) {
        Object value = values.apply(field);
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid.apply(field, field + " must be text");
        }
        if (text.length() > MAX_TEXT) {
            throw invalid.apply(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return Optional.of(text);
    }

    private static Instant time(String field, String text, BiFunction<String, String, RuntimeException> invalid) {
        try {
            return AuditQuery.parseTime(text);
        } catch (IllegalArgumentException e) {
            throw invalid.apply(field, field + ": " + e.getMessage());
        }
    }

    private static Optional<String> text(Optional<String> value, String field) {
        Objects.requireNonNull(value, field);
        value.ifPresent(v -> {
            if (v.isEmpty() || v.length() > MAX_TEXT) {
                throw new IllegalArgumentException(field + " must be 1 to " + MAX_TEXT + " characters");
            }
        });
        return value;
    }
}
