package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
