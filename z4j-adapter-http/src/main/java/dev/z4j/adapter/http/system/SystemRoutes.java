package dev.z4j.adapter.http.system;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.system.DatabaseProbe.DatabaseDescription;
import dev.z4j.ports.system.Replica;
import dev.z4j.ports.system.SystemHealth;
import dev.z4j.ports.system.SystemHealth.ReplicaStatus;
import dev.z4j.ports.system.SystemHealth.StatusReport;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/health/system} for any signed-in user: versions, database, schema, and the audit chain (its head
 * and the last verification, by this brain, another replica or the CLI). The number of agents online is {@code null}
 * until the agents feature provides it.
 */
public final class SystemRoutes {

    private final SystemHealth health;
    private final AuditTrail audit;
    private final ProjectAccess access;
    private final Callers callers;

    public SystemRoutes(SystemHealth health, AuditTrail audit, ProjectAccess access, Callers callers) {
        this.health = health;
        this.audit = audit;
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
        json.put("audit_chain", auditChain());
        json.put("agents_online", null);
        json.put("replicas", report.replicas().stream().map(SystemRoutes::replica).toList());
        ctx.json(json);
    }

    private static Map<String, Object> replica(ReplicaStatus status) {
        Replica replica = status.replica();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", replica.id());
        json.put("host", replica.host());
        json.put("port", replica.port());
        json.put("version", replica.version());
        json.put("leader", replica.leader());
        json.put("running", status.running());
        json.put("started_at", replica.startedAt());
        json.put("last_seen_at", replica.lastSeenAt());
        return json;
    }

    private Map<String, Object> auditChain() {
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("head_seq", audit.head().map(AuditRecord::seq).orElse(null));
        Optional<VerificationStatus> last = audit.lastVerification();
        chain.put("outcome", last.map(v -> v.outcome().name().toLowerCase(Locale.ROOT)).orElse("never_verified"));
        chain.put("last_verified_at", last.map(VerificationStatus::finishedAt).orElse(null));
        chain.put("rows_walked", last.map(VerificationStatus::rowsWalked).orElse(null));
        chain.put("summary", last.map(VerificationStatus::summary).orElse(null));
        return chain;
    }
}
