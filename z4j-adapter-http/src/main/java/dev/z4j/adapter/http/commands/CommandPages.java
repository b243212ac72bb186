package dev.z4j.adapter.http.commands;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Format;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.commands.CommandPage;
import dev.z4j.ports.commands.CommandView;
import dev.z4j.ports.commands.Commands;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /projects/{slug}/commands}: the trail of commands issued to the project's agents (newest first, filtered by
 * status, older pages by cursor) and one command with its payload, result or error. Reads through the
 * {@link Commands} in-port behind {@code /api/v1/projects/{slug}/commands}; the list refreshes itself when
 * {@code /ws/dashboard} says {@code command.changed}.
 */
public final class CommandPages {

    /** The statuses a command moves through, the filter's choices. */
    public static final List<String> STATUSES = List.of("pending", "dispatched", "completed", "failed", "timeout");
    private static final int PAGE = 50;
    private static final Map<String, String> NOTICES = Map.of(
            "issued", "Command issued: the agent gets it now, and this page follows its status.",
            "reused", "This form was sent before: this is the command it issued, nothing new was sent.");

    private final Commands commands;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public CommandPages(Commands commands, ProjectAccess access, Callers callers, Frames frames, Pages pages) {
        this.commands = commands;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/projects/{slug}/commands", this::list);
        config.routes.get("/projects/{slug}/commands/{id}", this::detail);
    }

    private void list(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.ENGINE_VIEW);
        String slug = grant.project().slug().value();
        Optional<String> status = Optional.ofNullable(ctx.queryParam("status")).filter(STATUSES::contains);
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank());
        CommandPage found = commands.list(caller, slug, status, cursor, PAGE);
        String path = "/projects/" + slug + "/commands";
        String filter = status.map(s -> "status=" + s).orElse("");
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frames.frame(ctx, caller, "Commands · " + grant.project().name(), grant));
        page.put("slug", slug);
        page.put("status", status.orElse(""));
        page.put("commands", found.items());
        page.put("self", path + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        page.put("older", found.nextCursor().map(next -> path + "?" + (filter.isEmpty() ? "" : filter + "&")
                + "cursor=" + Format.param(next)));
        page.put("newest", cursor.map(c -> path + (filter.isEmpty() ? "" : "?" + filter)));
        pages.render(ctx, 200, "commands/list.jte", page);
    }

    private void detail(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.ENGINE_VIEW);
        String slug = grant.project().slug().value();
        CommandView command = commands.get(caller, slug, PathParams.uuid(ctx, "id", "command_not_found", "command not found"));
        pages.render(ctx, 200, "commands/detail.jte", Map.of(
                "frame", frames.frame(ctx, caller, command.action() + " · Commands", grant)
                        .withNotice(Pages.notice(ctx, NOTICES)),
                "slug", slug,
                "command", command));
    }
}
