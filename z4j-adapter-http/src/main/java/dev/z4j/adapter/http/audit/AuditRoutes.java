package dev.z4j.adapter.http.audit;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit log over REST. {@code GET /api/v1/projects/{slug}/audit} (project admins: their project's rows) and
 * {@code GET /api/v1/audit} (owners: every row, sign-ins and other project-less rows included), newest first,
 * {@code {items, next_cursor}}, filtered by {@link AuditFilters}; {@code format=csv|json} exports every matching row
 * (up to {@value AuditRows#MAX_EXPORT}) as a file. {@code POST /api/v1/audit/verify} (owners) walks the chain now.
 */
public final class AuditRoutes {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private final AuditTrail audit;
    private final ProjectAccess access;
    private final Callers callers;

    public AuditRoutes(AuditTrail audit, ProjectAccess access, Callers callers) {
        this.audit = audit;
        this.access = access;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/projects/{slug}/audit", this::projectRows);
        config.routes.get("/api/v1/audit", this::allRows);
        config.routes.post("/api/v1/audit/verify", this::verify);
    }

    private void projectRows(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Project project = access.authorize(caller, ctx.pathParam("slug"), Action.AUDIT_VIEW).project();
        respond(ctx, AuditFilters.of(ctx).query(Clock.systemUTC()).withProject(project.id()),
                "z4j-audit-" + project.slug().value());
    }

    private void allRows(Context ctx) {
        access.require(callers.authenticated(ctx), Action.AUDIT_VIEW_ALL);
        respond(ctx, AuditFilters.of(ctx).query(Clock.systemUTC()), "z4j-audit");
    }

    private void verify(Context ctx) {
        access.require(callers.authenticated(ctx), Action.AUDIT_VERIFY);
        ctx.json(AuditRows.report(audit.verify(VerificationRequest.wholeChain())));
    }

    private void respond(Context ctx, AuditQuery query, String fileName) {
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("").toLowerCase(Locale.ROOT);
        switch (format) {
            case "" -> page(ctx, query);
            case "json" -> {
                attachment(ctx, fileName + ".json", "application/json");
                ctx.json(AuditRows.all(audit, query).stream().map(AuditRows::json).toList());
            }
            case "csv" -> {
                attachment(ctx, fileName + ".csv", "text/csv; charset=utf-8");
                ctx.result(csv(ctx, AuditRows.all(audit, query)));
            }
            default -> throw Refusal.invalid("invalid_format", "format must be csv or json",
                    Map.of("field", "format"));
        }
    }

    private void page(Context ctx, AuditQuery query) {
        AuditQuery limited = query.withLimit(limit(ctx));
        String cursor = ctx.queryParam("cursor");
        if (cursor != null && !cursor.isBlank()) {
            limited = limited.withCursor(cursor);
        }
        AuditPage page = audit.search(limited);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", page.rows().stream().map(AuditRows::json).toList());
        json.put("next_cursor", page.nextCursor().orElse(null));
        ctx.json(json);
    }

    private static int limit(Context ctx) {
        String value = ctx.queryParam("limit");
        if (value == null || value.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            throw Refusal.invalid("invalid_limit", "limit must be a whole number", Map.of("field", "limit"));
        }
    }

    private static void attachment(Context ctx, String fileName, String type) {
        ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    private static String csv(Context ctx, List<AuditRecord> rows) {
        StringBuilder out = new StringBuilder(String.join(",", AuditRows.COLUMNS)).append("\r\n");
        for (AuditRecord row : rows) {
            Map<String, Object> json = AuditRows.json(row);
            json.put("metadata", ctx.jsonMapper().toJsonString(row.entry().metadata(), Map.class));
            out.append(AuditRows.COLUMNS.stream().map(c -> AuditRows.csvField(json.get(c)))
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }
}
