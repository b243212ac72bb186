package dev.z4j.adapter.http.system;

import dev.z4j.adapter.http.support.BrainPhase;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.ports.system.SystemHealth;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/v1/health} (alive) and {@code GET /api/v1/health/ready} (serving, database up, schema current). */
public final class HealthRoutes {

    private final SystemHealth health;
    private final Supplier<BrainPhase> phase;

    public HealthRoutes(SystemHealth health, Supplier<BrainPhase> phase) {
        this.health = health;
        this.phase = phase;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/health", ctx -> ctx.json(Map.of("status", "ok")));
        config.routes.get("/api/v1/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        BrainPhase current = phase.get();
        if (current != BrainPhase.SERVING) {
            String reason = current == BrainPhase.STARTING ? "starting" : "stopping";
            ErrorHandling.respond(ctx, 503, reason, "the brain is " + reason, Map.of("reason", reason));
            return;
        }
        SystemHealth.Readiness readiness = health.readiness();
        if (!readiness.ready()) {
            ErrorHandling.respond(ctx, 503, readiness.reason(), messageFor(readiness.reason()),
                    Map.of("reason", readiness.reason()));
            return;
        }
        ctx.json(Map.of("status", "ready"));
    }

    private static String messageFor(String reason) {
        return switch (reason) {
            case "schema_pending" -> "database migrations are pending; run `z4j migrate`";
            case "schema_newer_than_brain" -> "the database schema is newer than this brain; upgrade z4j";
            case "database" -> "the database does not answer";
            default -> "not ready: " + reason;
        };
    }
}
