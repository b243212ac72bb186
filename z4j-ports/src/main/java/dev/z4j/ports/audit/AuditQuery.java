package dev.z4j.ports.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A search over the audit log. Every filter is optional; {@code cursor} is the opaque {@code next_cursor} of the
 * previous page.
 *
 * @param actionPrefix rows whose action starts with this text (e.g. {@code agent.} or {@code auth.login})
 * @param since        rows that happened at or after this instant
 * @param until        rows that happened before this instant
 * @param limit        page size, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(Optional<UUID> projectId, Optional<String> actionPrefix, Optional<Actor.Type> actorType,
                         Optional<String> actorId, Optional<Instant> since, Optional<Instant> until,
                         Optional<String> cursor, int limit, Order order) {

    public static final int MAX_LIMIT = 5000;

    public enum Order { NEWEST_FIRST, OLDEST_FIRST }

    public AuditQuery {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(actionPrefix, "actionPrefix");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(order, "order");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
    }

    /**
     * A time as operators and API clients write it, always UTC when no zone is given: {@code 2026-04-23T12:00:00Z}
     * (any ISO-8601 offset), {@code 2026-04-23 12:00:00} (as in the seed's SQL), or a date {@code 2026-04-23}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parseTime(String text) {
        String value = text.strip();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            String iso = value.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(iso).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time; use 2026-04-23T12:00:00Z, "
                    + "2026-04-23 12:00:00 (UTC) or 2026-04-23");
        }
    }

    /** Every row, newest first, 100 per page; narrow it with the {@code with...} methods. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 100, Order.NEWEST_FIRST);
    }

    public AuditQuery withProject(UUID project) {
        return new AuditQuery(Optional.of(project), actionPrefix, actorType, actorId, since, until, cursor, limit, order);
    }

    public AuditQuery withActionPrefix(String prefix) {
        return new AuditQuery(projectId, Optional.of(prefix), actorType, actorId, since, until, cursor, limit, order);
    }

    public AuditQuery withActor(Actor.Type type, Optional<String> id) {
        return new AuditQuery(projectId, actionPrefix, Optional.of(type), id, since, until, cursor, limit, order);
    }

    public AuditQuery withSince(Instant from) {
        return new AuditQuery(projectId, actionPrefix, actorType, actorId, Optional.of(from), until, cursor, limit, order);
    }

    public AuditQuery withUntil(Instant to) {
        return new AuditQuery(projectId, actionPrefix, actorType, actorId, since, Optional.of(to), cursor, limit, order);
    }

    public AuditQuery withCursor(String next) {
        return new AuditQuery(projectId, actionPrefix, actorType, actorId, since, until, Optional.of(next), limit, order);
    }

    public AuditQuery withLimit(int size) {
        return new AuditQuery(projectId, actionPrefix, actorType, actorId, since, until, cursor, size, order);
    }

    public AuditQuery withOrder(Order newOrder) {
        return new AuditQuery(projectId, actionPrefix, actorType, actorId, since, until, cursor, limit, newOrder);
    }
}
