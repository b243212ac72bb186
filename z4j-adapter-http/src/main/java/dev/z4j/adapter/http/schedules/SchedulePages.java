package dev.z4j.adapter.http.schedules;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.adapter.http.support.Format;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import dev.z4j.ports.schedules.SchedulePage;
import dev.z4j.ports.schedules.Schedules;
import dev.z4j.ports.schedules.Schedules.ScheduleCommand;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /projects/{slug}/schedules}: the project's periodic schedules as their schedulers report them (newest
 * report wins), and for operators the switches the engine allows: enable, disable, trigger now. A switch is a command
 * to an agent running the schedule's scheduler, issued through the {@link Schedules} in-port (as
 * {@code POST /api/v1/projects/{slug}/schedules/{id}/enable} does); done, the browser goes to the command's page. A
 * refusal (the scheduler cannot do that, no agent of it online) shows the list again with the reason.
 */
public final class SchedulePages {

    private static final int PAGE = 50;

    private final Schedules schedules;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public SchedulePages(Schedules schedules, ProjectAccess access, Callers callers, Frames frames, Pages pages) {
        this.schedules = schedules;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/projects/{slug}/schedules", ctx -> list(ctx, callers.authenticated(ctx), 200, null));
        for (String action : new String[] {"enable", "disable", "trigger"}) {
            config.routes.post("/projects/{slug}/schedules/{id}/" + action, ctx -> act(ctx, action));
        }
    }

    private void list(Context ctx, Caller caller, int status, String error) {
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.ENGINE_VIEW);
        String slug = grant.project().slug().value();
        String path = "/projects/" + slug + "/schedules";
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank());
        SchedulePage found = schedules.list(caller, slug, cursor, PAGE);
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frames.frame(ctx, caller, "Schedules · " + grant.project().name(), grant).withError(error));
        page.put("slug", slug);
        page.put("schedules", found.items());
        page.put("canOperate", grant.permits(Action.SCHEDULES_OPERATE));
        page.put("older", found.nextCursor().map(next -> path + "?cursor=" + Format.param(next)));
        page.put("newest", cursor.map(c -> path));
        pages.render(ctx, status, "schedules/list.jte", page);
    }

    private void act(Context ctx, String action) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        ScheduleCommand done;
        try {
            done = schedules.act(caller, slug, PathParams.uuid(ctx, "id", "schedule_not_found",
                    "schedule not found"), action);
        } catch (Refusal refusal) {
            refusal.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Refusal.seconds(wait))));
            list(ctx, caller, ErrorHandling.statusOf(refusal.kind()), refusal.getMessage());
            return;
        }
        Pages.redirect(ctx, "/projects/" + slug + "/commands/" + done.command().id(), "issued");
    }
}
