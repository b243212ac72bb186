package dev.z4j.adapter.http.audit;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Format;
import dev.z4j.adapter.http.support.Frame;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditPage;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The audit log pages: {@code /projects/{slug}/audit} for project admins and {@code /settings/audit} (every row) for
 * owners, with the filters of {@link AuditFilters}, older pages by cursor, CSV and JSON-lines export links (the REST
 * routes of {@link AuditRoutes}), and the chain's verification state: when the last walk ran and what it found. Owners can
 * walk the chain now ({@code POST /settings/audit/verify}, the in-port behind {@code POST /api/v1/audit/verify}).
 */
public final class AuditPages {

    static final int PAGE = 50;
    /** Owners' audit page names at most this many users by email (the rest show their id only). */
    static final int MAX_NAMED_USERS = 500;
    private static final Map<String, String> NOTICES = Map.of("verified",
            "Verification finished: the chain is intact.");
    private static final Map<String, String> ALARMS = Map.of("verification_failed",
            "Verification finished: the chain is NOT intact; see below.");

    private final AuditTrail audit;
    private final ProjectAccess access;
    private final UserAdministration users;
    private final Memberships memberships;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public AuditPages(AuditTrail audit, ProjectAccess access, UserAdministration users, Memberships memberships,
                      Callers callers, Frames frames, Pages pages) {
        this.audit = audit;
        this.access = access;
        this.users = users;
        this.memberships = memberships;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    /**
     * One row as the table shows it: the actor and target as stored ({@code type:id}), and, when the id is a user this
     * page may name, their email beside it.
     */
    public record Row(long seq, String time, String actor, String actorName, String action, String target,
                      String targetName, String result, String sourceIp, String metadata, boolean failed) {
    }

    public void register(JavalinConfig config) {
        config.routes.get("/projects/{slug}/audit", this::projectLog);
        config.routes.get("/settings/audit", this::wholeLog);
        config.routes.post("/settings/audit/verify", this::verify);
    }

    private void projectLog(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.AUDIT_VIEW);
        String slug = grant.project().slug().value();
        Frame frame = frames.frame(ctx, caller, "Audit log · " + grant.project().name(), grant);
        Map<String, String> names = new HashMap<>();
        memberships.list(caller, slug).forEach(m -> names.put(m.membership().userId().toString(), m.email().value()));
        show(ctx, caller, frame, query -> query.withProject(grant.project().id()), names,
                "/projects/" + slug + "/audit", "/api/v1/projects/" + slug + "/audit");
    }

    private void wholeLog(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        access.require(caller, Action.AUDIT_VIEW_ALL);
        Map<String, String> names = new HashMap<>();
        users.list(caller, MAX_NAMED_USERS, 0).forEach(u -> names.put(u.id().toString(), u.email().value()));
        show(ctx, caller, frames.frame(ctx, caller, "Audit log"), query -> query, names, "/settings/audit",
                "/api/v1/audit");
    }

    private void show(Context ctx, Caller caller, Frame frame, UnaryOperator<AuditQuery> scope,
                      Map<String, String> names, String path, String api) {
        AuditFilters filters = AuditFilters.of(ctx);
        frame = frame.withNotice(Pages.notice(ctx, NOTICES)).withError(Pages.notice(ctx, ALARMS));
        List<Row> rows = List.of();
        Optional<String> older = Optional.empty();
        String apiFilters = "";
        int status = 200;
        try {
            apiFilters = filters.apiQueryString();
            AuditQuery query = scope.apply(filters.query()).withLimit(PAGE);
            String cursor = ctx.queryParam("cursor");
            if (cursor != null && !cursor.isBlank()) {
                query = query.withCursor(cursor);
            }
            AuditPage page = audit.search(query);
            rows = page.rows().stream().map(r -> row(ctx, r, names)).toList();
            older = page.nextCursor().map(next -> path + "?" + join(filters.queryString(),
                    "cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        } catch (Refusal refusal) {
            frame = frame.withError(refusal.getMessage());
            status = 422;
        }
        String filterQuery = filters.queryString();
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frame);
        page.put("path", path);
        page.put("action", filters.action());
        page.put("actor", filters.actor());
        page.put("since", filters.since());
        page.put("until", filters.until());
        page.put("rows", rows);
        page.put("older", older);
        page.put("newest", ctx.queryParam("cursor") == null ? Optional.empty()
                : Optional.of(path + (filterQuery.isEmpty() ? "" : "?" + filterQuery)));
        page.put("csv", api + "?" + join(apiFilters, "format=csv"));
        page.put("jsonl", api + "?" + join(apiFilters, "format=jsonl"));
        page.put("verification", audit.lastVerification());
        page.put("canVerify", access.permitted(caller).contains(Action.AUDIT_VERIFY));
        pages.render(ctx, status, "audit/log.jte", page);
    }

    private void verify(Context ctx) {
        access.require(callers.authenticated(ctx), Action.AUDIT_VERIFY);
        VerificationReport report = audit.verify(VerificationRequest.wholeChain());
        Pages.redirect(ctx, "/settings/audit", report.outcome() == VerificationReport.Outcome.INTACT ? "verified"
                : "verification_failed");
    }

    private static Row row(Context ctx, AuditRecord record, Map<String, String> names) {
        AuditEntry entry = record.entry();
        return new Row(record.seq(), Format.time(record.occurredAt()),
                entry.actor().type().wire() + entry.actor().id().map(id -> ":" + id).orElse(""),
                entry.actor().id().map(names::get).orElse(""), entry.action(),
                entry.targetType() + entry.targetId().map(id -> ":" + id).orElse(""),
                entry.targetId().map(names::get).orElse(""), entry.result(), entry.sourceIp().orElse(""),
                entry.metadata().isEmpty() ? "" : ctx.jsonMapper().toJsonString(entry.metadata(), Map.class),
                !entry.result().equals("success"));
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + "&" + second;
    }
}
