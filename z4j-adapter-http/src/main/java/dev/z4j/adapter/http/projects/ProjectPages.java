package dev.z4j.adapter.http.projects;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentState;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import dev.z4j.ports.projects.ProjectWithRole;
import dev.z4j.ports.projects.Projects;
import dev.z4j.ports.projects.Projects.NewProject;
import dev.z4j.ports.projects.Projects.ProjectChanges;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's entry ({@code /}: the caller's first project), a project's overview ({@code /projects/{slug}}:
 * the project and its agents online),
 * and Settings → Admin → Projects ({@code /settings/projects}) where owners create, rename and archive projects,
 * all on the {@link Projects} and {@link ProjectAccess} in-ports that {@code /api/v1/projects} uses.
 */
public final class ProjectPages {

    private static final String SETTINGS = "/settings/projects";
    private static final Map<String, String> NOTICES = Map.of(
            "created", "Project created.",
            "updated", "Project saved.",
            "archived", "Project archived.");

    private final Projects projects;
    private final ProjectAccess access;
    private final AgentCredentials agents;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public ProjectPages(Projects projects, ProjectAccess access, AgentCredentials agents, Callers callers,
                        Frames frames, Pages pages) {
        this.projects = projects;
        this.access = access;
        this.agents = agents;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/", this::entry);
        config.routes.get("/projects/{slug}", this::overview);
        config.routes.get(SETTINGS, ctx -> settings(ctx, callers.authenticated(ctx), 200, null));
        config.routes.post(SETTINGS, this::create);
        config.routes.post(SETTINGS + "/{slug}", this::update);
        config.routes.post(SETTINGS + "/{slug}/archive", this::archive);
    }

    private void entry(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        List<ProjectWithRole> reachable = projects.list(caller);
        if (!reachable.isEmpty()) {
            ctx.redirect("/projects/" + reachable.get(0).project().slug().value(), HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, 200, "home.jte", Map.of("frame", frames.frame(ctx, caller, "No projects")));
    }

    private void overview(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Grant grant = access.authorize(caller, ctx.pathParam("slug"), Action.PROJECT_VIEW);
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frames.frame(ctx, caller, grant.project().name(), grant));
        page.put("project", grant.project());
        page.put("role", grant.role().map(ProjectRole::wire).orElse("owner"));
        List<AgentView> fleet = grant.permits(Action.AGENTS_VIEW)
                ? agents.list(caller, grant.project().slug().value()) : List.of();
        page.put("agentsTotal", fleet.size());
        page.put("agentsOnline", fleet.stream().filter(a -> !a.revoked() && a.status().state() == AgentState.ONLINE)
                .count());
        page.put("agentsRevoked", fleet.stream().filter(AgentView::revoked).count());
        pages.render(ctx, 200, "project/overview.jte", page);
    }

    private void settings(Context ctx, Caller caller, int status, String error) {
        access.require(caller, Action.PROJECTS_CREATE);
        pages.render(ctx, status, "settings/projects.jte", Map.of(
                "frame", frames.frame(ctx, caller, "Projects").withNotice(Pages.notice(ctx, NOTICES))
                        .withError(error),
                "projects", projects.list(caller).stream().map(ProjectWithRole::project).toList(),
                "canManage", access.permitted(caller).contains(Action.PROJECTS_CREATE)));
    }

    private void create(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Pages.submit(ctx, () -> projects.create(caller, new NewProject(orEmpty(ctx.formParam("slug")),
                orEmpty(ctx.formParam("name")), present(ctx, "description"), present(ctx, "environment"),
                Optional.empty(), Optional.empty())), SETTINGS, "created", retry(ctx, caller));
    }

    private void update(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        ProjectChanges changes = new ProjectChanges(Optional.empty(), present(ctx, "name"),
                Optional.of(orEmpty(ctx.formParam("description"))), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        Pages.submit(ctx, () -> projects.update(caller, ctx.pathParam("slug"), changes), SETTINGS, "updated",
                retry(ctx, caller));
    }

    private void archive(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Pages.submit(ctx, () -> projects.archive(caller, ctx.pathParam("slug")), SETTINGS, "archived",
                retry(ctx, caller));
    }

    private Pages.Retry retry(Context ctx, Caller caller) {
        return (status, error) -> settings(ctx, caller, status, error);
    }

    /** A form field the user filled in; a blank one means "not given". */
    private static Optional<String> present(Context ctx, String field) {
        return Optional.ofNullable(ctx.formParam(field)).filter(v -> !v.isBlank());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
