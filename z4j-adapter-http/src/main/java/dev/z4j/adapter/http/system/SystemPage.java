package dev.z4j.adapter.http.system;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.system.SystemHealth;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /settings/system}: what {@code GET /api/v1/health/system} and {@code z4j status} report, as a page: versions,
 * the database and its schema, row counts, the last backup, the audit chain (head and last verification, with "Verify
 * now" for owners), what {@code z4j doctor} advises, and, read-only, the allowed hosts and public URL this brain
 * started with (they change with {@code z4j allowed-hosts} and a restart).
 */
public final class SystemPage {

    private final SystemHealth health;
    private final AuditTrail audit;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;
    private final List<String> allowedHosts;
    private final String publicUrl;

    public SystemPage(SystemHealth health, AuditTrail audit, ProjectAccess access, Callers callers, Frames frames,
                      Pages pages, List<String> allowedHosts, String publicUrl) {
        this.health = health;
        this.audit = audit;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
        this.allowedHosts = allowedHosts.stream().sorted().toList();
        this.publicUrl = publicUrl;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/settings/system", this::page);
    }

    private void page(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        access.require(caller, Action.SYSTEM_VIEW);
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frames.frame(ctx, caller, "System"));
        SystemHealth.StatusReport report = health.status();
        page.put("report", report);
        page.put("rowCounts", new TreeMap<>(report.rowCounts()));
        page.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        page.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        page.put("pid", ProcessHandle.current().pid());
        page.put("headSeq", audit.head().map(AuditRecord::seq).map(String::valueOf).orElse("empty"));
        page.put("verification", audit.lastVerification());
        page.put("advice", health.advice());
        page.put("canVerify", access.permitted(caller).contains(Action.AUDIT_VERIFY));
        page.put("allowedHosts", allowedHosts);
        page.put("publicUrl", Optional.ofNullable(publicUrl).orElse(""));
        pages.render(ctx, 200, "settings/system.jte", page);
    }
}
