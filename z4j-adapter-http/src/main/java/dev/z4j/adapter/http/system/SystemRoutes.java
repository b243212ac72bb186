package dev.z4j.adapter.http.system;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.system.DatabaseProbe.DatabaseDescription;
import dev.z4j.ports.system.SystemHealth;
import dev.z4j.ports.system.SystemHealth.StatusReport;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/health/system} for any signed-in user: versions, database, schema. The audit chain's state and
 * the number of agents online are {@code null} until the audit and agents features provide them.
 */
public final class SystemRoutes {

    private final SystemHealth health;
    private final ProjectAccess access;
    private final Callers callers;

    public SystemRoutes(SystemHealth health, ProjectAccess access, Callers callers) {
        this.health = health;
        this.access = access;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/health/system", this::system);
    }

    private void system(Context ctx) {
        access.require(callers.authenticated(ctx), Action.SYSTEM_VIEW);
        StatusReport report = health.status();
        DatabaseDescription database = report.database();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("z4j_version", report.version());
        json.put("environment", report.environment());
        json.put("java_version", System.getProperty("java.version"));
        json.put("java_vendor", System.getProperty("java.vendor"));
        json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        json.put("architecture", System.getProperty("os.arch"));
        json.put("pid", ProcessHandle.current().pid());
        json.put("database_type", database.kind().name().toLowerCase(Locale.ROOT));
        json.put("database_version", database.serverVersion());
        json.put("database_size_bytes", database.sizeBytes().orElse(null));
        json.put("schema_version", report.schemaVersion().orElse(null));
        json.put("pending_migrations", report.pendingMigrations());
        json.put("audit_chain", null);
        json.put("agents_online", null);
        ctx.json(json);
    }
}
