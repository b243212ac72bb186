package dev.z4j.adapter.http.schedules;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.adapter.http.support.QueryParams;
import dev.z4j.ports.commands.CommandView;
import dev.z4j.ports.schedules.SchedulePage;
import dev.z4j.ports.schedules.ScheduleView;
import dev.z4j.ports.schedules.Schedules;
import dev.z4j.ports.schedules.Schedules.ScheduleCommand;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/projects/{slug}/schedules}: the list ({@code ?cursor=&limit=}) and the detail (viewers), and
 * {@code POST /{id}/enable|disable|trigger} (operators, CSRF token): 202 with the schedule and the command carrying
 * the switch; 503 {@code agent_offline} when no agent running the scheduler is connected, 422
 * {@code action_not_supported} when its scheduler reports it cannot.
 */
public final class ScheduleRoutes {

    private static final String SCHEDULES = "/api/v1/projects/{slug}/schedules";
    private static final int DEFAULT_LIMIT = 50;

    private final Schedules schedules;
    private final Callers callers;

    public ScheduleRoutes(Schedules schedules, Callers callers) {
        this.schedules = schedules;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get(SCHEDULES, this::list);
        config.routes.get(SCHEDULES + "/{id}", this::detail);
        for (String action : new String[] {"enable", "disable", "trigger"}) {
            config.routes.post(SCHEDULES + "/{id}/" + action, ctx -> act(ctx, action));
        }
    }

    private void list(Context ctx) {
        int limit = QueryParams.limit(ctx, DEFAULT_LIMIT);
        SchedulePage page = schedules.list(callers.authenticated(ctx), ctx.pathParam("slug"),
                QueryParams.text(ctx, "cursor"), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(ScheduleRoutes::json).toList());
        body.put("next_cursor", page.nextCursor().orElse(null));
        ctx.json(body);
    }

    private void detail(Context ctx) {
        ctx.json(json(schedules.get(callers.authenticated(ctx), ctx.pathParam("slug"), scheduleId(ctx))));
    }

    private void act(Context ctx, String action) {
        ScheduleCommand done = schedules.act(callers.authenticated(ctx), ctx.pathParam("slug"), scheduleId(ctx),
                action);
        Map<String, Object> body = json(done.schedule());
        body.put("command", command(done.command()));
        ctx.status(202).json(body);
    }

    private static UUID scheduleId(Context ctx) {
        return PathParams.uuid(ctx, "id", "schedule_not_found", "schedule not found");
    }

    /** Upstream's SchedulePublic fields this brain has. */
    static Map<String, Object> json(ScheduleView s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id().toString());
        json.put("project_id", s.projectId().toString());
        json.put("engine", s.engine());
        json.put("scheduler", s.scheduler());
        json.put("name", s.name());
        json.put("task_name", s.taskName());
        json.put("kind", s.kind());
        json.put("expression", s.expression());
        json.put("timezone", s.timezone());
        json.put("queue", s.queue().orElse(null));
        json.put("args", s.args());
        json.put("kwargs", s.kwargs());
        json.put("is_enabled", s.enabled());
        json.put("last_run_at", s.lastRunAt().orElse(null));
        json.put("next_run_at", s.nextRunAt().orElse(null));
        json.put("total_runs", s.totalRuns());
        json.put("external_id", s.externalId().orElse(null));
        json.put("source", "agent");
        json.put("reported_at", s.reportedAt());
        json.put("created_at", s.createdAt());
        json.put("updated_at", s.updatedAt());
        return json;
    }

    private static Map<String, Object> command(CommandView c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().toString());
        json.put("agent_id", c.agentId().map(UUID::toString).orElse(null));
        json.put("action", c.action());
        json.put("status", c.status());
        json.put("issued_at", c.issuedAt());
        json.put("timeout_at", c.timeoutAt());
        return json;
    }
}
