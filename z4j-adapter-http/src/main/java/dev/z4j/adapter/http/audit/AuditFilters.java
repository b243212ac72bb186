package dev.z4j.adapter.http.audit;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.OperatorTime;
import dev.z4j.ports.support.Refusal;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit log's filters as query parameters, read the same way by {@code /api/v1/.../audit} and by the audit
 * pages: {@code action} (a prefix such as {@code agent.}), {@code actor} ({@code user}, {@code agent:<uuid>}: the
 * syntax of {@code z4j audit search --actor}), {@code since} and {@code until} (UTC: {@code 2026-04-23 12:00:00},
 * {@code 2026-04-23}, or an age such as {@code 24h}). Blank fields filter nothing.
 */
record AuditFilters(String action, String actor, String since, String until) {

    AuditFilters {
        action = clean(action);
        actor = clean(actor);
        since = clean(since);
        until = clean(until);
    }

    static AuditFilters of(Context ctx) {
        String action = ctx.queryParam("action");
        return new AuditFilters(action != null ? action : ctx.queryParam("action_prefix"), ctx.queryParam("actor"),
                ctx.queryParam("since"), ctx.queryParam("until"));
    }

    /**
     * The search, newest first, for these filters.
     *
     * @throws Refusal INVALID naming the field that cannot be read
     */
    AuditQuery query(Clock clock) {
        AuditQuery query = AuditQuery.all();
        if (!action.isEmpty()) {
            query = query.withActionPrefix(action);
        }
        if (!actor.isEmpty()) {
            int colon = actor.indexOf(':');
            String type = colon < 0 ? actor : actor.substring(0, colon);
            Optional<String> id = colon < 0 ? Optional.empty() : Optional.of(actor.substring(colon + 1).strip());
            try {
                query = query.withActor(Actor.Type.fromWire(type.strip()), id.filter(v -> !v.isEmpty()));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("invalid_actor", "actor must be user, agent, api_key, cli or system, optionally "
                        + "followed by :<id> (e.g. agent:4f2b...)", Map.of("field", "actor"));
            }
        }
        if (!since.isEmpty()) {
            query = query.withSince(time(since, "since", clock));
        }
        if (!until.isEmpty()) {
            query = query.withUntil(time(until, "until", clock));
        }
        return query;
    }

    /** The filters as a query string ({@code action=agent.&since=24h}), without blank fields. */
    String queryString() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action", action);
        fields.put("actor", actor);
        fields.put("since", since);
        fields.put("until", until);
        return fields.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static java.time.Instant time(String value, String field, Clock clock) {
        try {
            return OperatorTime.parse(value, clock);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_" + field, field + ": " + e.getMessage(), Map.of("field", field));
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
