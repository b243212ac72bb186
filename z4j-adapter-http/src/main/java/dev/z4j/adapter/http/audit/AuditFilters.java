package dev.z4j.adapter.http.audit;

import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.support.Refusal;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit pages' filters, as an operator types them into the page: {@code action} (a prefix such as
 * {@code agent.}), {@code actor} ({@code user}, {@code agent:<uuid>}: the syntax of {@code z4j audit search --actor}),
 * {@code since} and {@code until} (UTC, read as the API reads them: {@code 2026-04-23 12:00:00},
 * {@code 2026-04-23T12:00:00Z}, {@code 2026-04-23}). Blank fields filter nothing. {@link #apiQueryString} says the
 * same in the parameters of {@link AuditRoutes}, for the export links.
 */
record AuditFilters(String action, String actor, String since, String until) {

    AuditFilters {
        action = clean(action);
        actor = clean(actor);
        since = clean(since);
        until = clean(until);
    }

    static AuditFilters of(Context ctx) {
        return new AuditFilters(ctx.queryParam("action"), ctx.queryParam("actor"), ctx.queryParam("since"),
                ctx.queryParam("until"));
    }

    /**
     * The search, newest first, for these filters.
     *
     * @throws Refusal INVALID naming the field that cannot be read
     */
    AuditQuery query() {
        AuditQuery query = AuditQuery.all();
        if (!action.isEmpty()) {
            query = query.withActionPrefix(action);
        }
        if (!actor.isEmpty()) {
            query = query.withActor(actorType(), actorId());
        }
        if (!since.isEmpty()) {
            query = query.withSince(time(since, "since"));
        }
        if (!until.isEmpty()) {
            query = query.withUntil(time(until, "until"));
        }
        return query;
    }

    /** The filters as this page's query string ({@code action=agent.&actor=user}), without blank fields. */
    String queryString() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action", action);
        fields.put("actor", actor);
        fields.put("since", since);
        fields.put("until", until);
        return join(fields);
    }

    /** The same filters in {@link AuditRoutes}' parameters ({@code action_prefix}, {@code actor_type}, ...). */
    String apiQueryString() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action_prefix", action);
        fields.put("actor_type", actor.isEmpty() ? "" : actorType().wire());
        fields.put("actor_id", actor.isEmpty() ? "" : actorId().orElse(""));
        fields.put("since", since);
        fields.put("until", until);
        return join(fields);
    }

    private Actor.Type actorType() {
        int colon = actor.indexOf(':');
        try {
            return Actor.Type.fromWire((colon < 0 ? actor : actor.substring(0, colon)).strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_actor", "actor must be user, agent, api_key, cli or system, optionally "
                    + "followed by :<id> (e.g. agent:4f2b...)", Map.of("field", "actor"));
        }
    }

    private Optional<String> actorId() {
        int colon = actor.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(actor.substring(colon + 1).strip()).filter(v -> !v.isEmpty());
    }

    private static String join(Map<String, String> fields) {
        return fields.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Instant time(String value, String field) {
        try {
            return AuditQuery.parseTime(value);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_" + field, field + ": " + e.getMessage(), Map.of("field", field));
        }
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
