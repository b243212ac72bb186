package dev.z4j.adapter.http.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.z4j.adapter.http.support.Callers;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit log over HTTP. {@code GET /api/v1/projects/{slug}/audit}: that project's rows, for its admins and owners;
 * {@code GET /api/v1/audit}: every row, owners only. Agent tokens never read it. Filters {@code action_prefix},
 * {@code actor_type}, {@code actor_id}, {@code since}, {@code until} (and {@code project_id} on the installation
 * route); newest first in pages of {@code limit} (1..500, default 100) with an opaque {@code cursor}.
 * {@code format=csv} or {@code format=jsonl} exports every matching row, oldest first, streamed, with both HMAC columns
 * so an export can be checked against the chain. {@code POST /api/v1/audit/verify} (owners) walks the whole chain now
 * and answers what {@code z4j audit verify --json} prints.
 */
public final class AuditRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    static final int EXPORT_PAGE = 1000;
    static final List<String> COLUMNS = List.of("seq", "id", "occurred_at", "actor_type", "actor_id", "project_id",
            "action", "target_type", "target_id", "result", "source_ip", "user_agent", "metadata", "key_id",
            "prev_row_hmac", "row_hmac");

    /**
     * Audit output keeps decimals as written (plain, scale kept) and object keys sorted, so re-canonicalising an
     * exported row's metadata (docs/audit-format.md) gives the signed bytes back.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final AuditTrail audit;
    private final ProjectAccess access;
    private final Callers callers;

    public AuditRoutes(AuditTrail audit, ProjectAccess access, Callers callers) {
        this.audit = audit;
        this.access = access;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/projects/{slug}/audit", this::projectLog);
        config.routes.get("/api/v1/audit", this::installationLog);
        config.routes.post("/api/v1/audit/verify", this::verify);
    }

    private void verify(Context ctx) {
        access.require(callers.authenticated(ctx), Action.AUDIT_VERIFY);
        ctx.contentType("application/json").result(write(report(audit.verify(VerificationRequest.wholeChain()))));
    }

    /** A verification report in the field names of {@code z4j audit verify --json}. */
    private static Map<String, Object> report(VerificationReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", report.outcome() == VerificationReport.Outcome.INTACT);
        json.put("result", report.outcome().name().toLowerCase(Locale.ROOT));
        json.put("summary", "z4j audit verify: " + report.summary());
        json.put("rows_walked", report.rowsWalked());
        json.put("first_broken_row", report.chainBreak().map(b -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", b.seq());
            row.put("audit_id", b.auditId());
            row.put("check", b.field());
            row.put("expected", b.expected());
            row.put("got", b.got());
            row.put("occurred_at", b.occurredAt().map(Instant::toString).orElse(null));
            row.put("reason", b.reason().orElse(null));
            return row;
        }).orElse(null));
        json.put("notes", report.notes());
        json.put("finished_at", report.finishedAt().toString());
        return json;
    }

    private void projectLog(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        ProjectAccess.Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.AUDIT_VIEW);
        respond(ctx, query(ctx).withProject(grant.project().id()), "z4j-audit-" + grant.project().slug().value());
    }

    private void installationLog(Context ctx) {
        access.require(callers.authenticated(ctx), Action.AUDIT_VIEW_ALL);
        AuditQuery query = query(ctx);
        Optional<String> project = Optional.ofNullable(ctx.queryParam("project_id"));
        if (project.isPresent()) {
            query = query.withProject(uuid("project_id", project.get()));
        }
        respond(ctx, query, "z4j-audit");
    }

    private static AuditQuery query(Context ctx) {
        AuditQuery query = AuditQuery.all();
        String prefix = ctx.queryParam("action_prefix");
        if (prefix != null && !prefix.isEmpty()) {
            query = query.withActionPrefix(prefix);
        }
        String actorType = ctx.queryParam("actor_type");
        String actorId = ctx.queryParam("actor_id");
        if (actorType != null) {
            query = query.withActor(actorType(actorType), Optional.ofNullable(actorId));
        } else if (actorId != null) {
            throw invalid("actor_id", "actor_id needs actor_type (user, agent, api_key, cli or system)");
        }
        String since = ctx.queryParam("since");
        if (since != null) {
            query = query.withSince(instant("since", since));
        }
        String until = ctx.queryParam("until");
        if (until != null) {
            query = query.withUntil(instant("until", until));
        }
        String cursor = ctx.queryParam("cursor");
        if (cursor != null) {
            query = query.withCursor(cursor);
        }
        return query.withLimit(limit(ctx.queryParam("limit")));
    }

    private void respond(Context ctx, AuditQuery query, String fileName) {
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json");
        switch (format) {
            case "json" -> {
                AuditPage page = search(query);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("items", page.rows().stream().map(AuditRoutes::item).toList());
                json.put("next_cursor", page.nextCursor().orElse(null));
                ctx.contentType("application/json").result(write(json));
            }
            case "csv" -> export(ctx, query, fileName + ".csv", "text/csv; charset=utf-8", true);
            case "jsonl" -> export(ctx, query, fileName + ".jsonl", "application/x-ndjson", false);
            default -> throw invalid("format", "format must be json, csv or jsonl");
        }
    }

    private AuditPage search(AuditQuery query) {
        try {
            return audit.search(query);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", e.getMessage());
        }
    }

    /** Every matching row, oldest first, fetched page by page and written as it comes: memory stays flat. */
    private void export(Context ctx, AuditQuery query, String fileName, String contentType, boolean csv) {
        AuditQuery page = query.withOrder(AuditQuery.Order.OLDEST_FIRST).withLimit(EXPORT_PAGE);
        AuditPage first = search(page);
        ctx.contentType(contentType);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            if (csv) {
                out.write(String.join(",", COLUMNS) + "\r\n");
            }
            for (AuditPage current = first; ; current = search(page.withCursor(current.nextCursor().get()))) {
                for (AuditRecord row : current.rows()) {
                    out.write(csv ? csvLine(row) : write(item(row)) + "\n");
                }
                if (current.nextCursor().isEmpty()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during an audit export", e);
        }
    }

    static Map<String, Object> item(AuditRecord r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", r.seq());
        json.put("id", r.id().toString());
        json.put("occurred_at", r.occurredAt().toString());
        json.put("actor_type", r.entry().actor().type().wire());
        json.put("actor_id", r.entry().actor().id().orElse(null));
        json.put("project_id", r.entry().projectId().map(UUID::toString).orElse(null));
        json.put("action", r.entry().action());
        json.put("target_type", r.entry().targetType());
        json.put("target_id", r.entry().targetId().orElse(null));
        json.put("result", r.entry().result());
        json.put("source_ip", r.entry().sourceIp().orElse(null));
        json.put("user_agent", r.entry().userAgent().orElse(null));
        json.put("metadata", r.entry().metadata());
        json.put("key_id", r.keyId());
        json.put("prev_row_hmac", r.prevRowHmac());
        json.put("row_hmac", r.rowHmac());
        return json;
    }

    /** RFC 4180: every field quoted when it holds a comma, quote or line break; metadata as compact JSON. */
    private static String csvLine(AuditRecord r) {
        Map<String, Object> item = item(r);
        List<String> fields = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS) {
            Object value = item.get(column);
            String text = value == null ? "" : column.equals("metadata") ? write(value) : value.toString();
            boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0;
            fields.add(quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        return String.join(",", fields) + "\r\n";
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit JSON", e);
        }
    }

    private static Actor.Type actorType(String wire) {
        try {
            return Actor.Type.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw invalid("actor_type", "actor_type must be user, agent, api_key, cli or system");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // the one message below
        }
        throw invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, field + " must be a UUID");
        }
    }

    private static Instant instant(String field, String value) {
        try {
            return AuditQuery.parseTime(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, field + ": " + e.getMessage());
        }
    }

    private static Refusal invalid(String field, String message) {
        return Refusal.invalid("invalid_" + field, message, Map.of("field", field));
    }
}
