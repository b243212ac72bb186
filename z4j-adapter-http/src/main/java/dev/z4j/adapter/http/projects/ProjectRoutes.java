package dev.z4j.adapter.http.projects;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.JsonBody;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.projects.Member;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.projects.Memberships.UserRef;
import dev.z4j.ports.projects.Project;
import dev.z4j.ports.projects.Projects;
import dev.z4j.ports.projects.Projects.NewProject;
import dev.z4j.ports.projects.Projects.ProjectChanges;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /api/v1/projects} and {@code /api/v1/projects/{slug}/memberships}. Owners create, change and archive
 * projects; members see theirs; project admins manage members. A project the caller cannot see answers 404 exactly
 * like one that does not exist.
 */
public final class ProjectRoutes {

    private final Projects projects;
    private final Memberships memberships;
    private final Callers callers;

    public ProjectRoutes(Projects projects, Memberships memberships, Callers callers) {
        this.projects = projects;
        this.memberships = memberships;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/projects", this::list);
        config.routes.post("/api/v1/projects", this::create);
        config.routes.get("/api/v1/projects/{slug}", this::get);
        config.routes.patch("/api/v1/projects/{slug}", this::update);
        config.routes.delete("/api/v1/projects/{slug}", this::archive);
        config.routes.get("/api/v1/projects/{slug}/memberships", this::members);
        config.routes.post("/api/v1/projects/{slug}/memberships", this::grant);
        config.routes.patch("/api/v1/projects/{slug}/memberships/{id}", this::changeRole);
        config.routes.delete("/api/v1/projects/{slug}/memberships/{id}", this::revoke);
    }

    private void list(Context ctx) {
        ctx.json(projects.list(callers.authenticated(ctx)).stream().map(p -> {
            Map<String, Object> json = project(p.project());
            json.put("role", p.role().wire());
            return json;
        }).toList());
    }

    private void create(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        JsonBody body = JsonBody.of(ctx);
        Project created = projects.create(caller, new NewProject(body.text("slug"), body.text("name"),
                body.optionalText("description"), body.optionalText("environment"), body.optionalText("timezone"),
                body.optionalInt("retention_days")));
        ctx.status(201).json(project(created));
    }

    private void get(Context ctx) {
        ctx.json(project(projects.get(callers.authenticated(ctx), ctx.pathParam("slug"))));
    }

    private void update(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        JsonBody body = JsonBody.of(ctx);
        ProjectChanges changes = new ProjectChanges(body.optionalText("slug"), body.optionalText("name"),
                body.optionalText("description"), body.optionalText("environment"), body.optionalText("timezone"),
                body.optionalInt("retention_days"), body.optionalBoolean("is_active"));
        ctx.json(project(projects.update(caller, ctx.pathParam("slug"), changes)));
    }

    private void archive(Context ctx) {
        projects.archive(callers.authenticated(ctx), ctx.pathParam("slug"));
        ctx.status(204);
    }

    private void members(Context ctx) {
        ctx.json(memberships.list(callers.authenticated(ctx), ctx.pathParam("slug")).stream()
                .map(ProjectRoutes::member).toList());
    }

    private void grant(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        JsonBody body = JsonBody.of(ctx);
        Optional<UUID> userId = body.optionalUuid("user_id");
        Optional<String> email = body.optionalText("email");
        if (userId.isPresent() == email.isPresent()) {
            throw Refusal.invalid("user_required", "name the user by user_id or by email (one of them)",
                    Map.of("field", "user_id"));
        }
        ProjectRole role = ProjectRole.fromWire(body.optionalText("role").orElse("viewer"));
        Member member = memberships.grant(caller, ctx.pathParam("slug"), new UserRef(userId, email), role);
        ctx.status(201).json(member(member));
    }

    private void changeRole(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        ProjectRole role = ProjectRole.fromWire(JsonBody.of(ctx).text("role"));
        ctx.json(member(memberships.change(caller, ctx.pathParam("slug"), membershipId(ctx), role)));
    }

    private void revoke(Context ctx) {
        memberships.revoke(callers.authenticated(ctx), ctx.pathParam("slug"), membershipId(ctx));
        ctx.status(204);
    }

    private static UUID membershipId(Context ctx) {
        return PathParams.uuid(ctx, "id", "membership_not_found", "membership not found");
    }

    /** Upstream's ProjectPublic fields that this brain has. */
    static Map<String, Object> project(Project p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id().toString());
        json.put("slug", p.slug().value());
        json.put("name", p.name());
        json.put("description", p.description().orElse(null));
        json.put("environment", p.environment());
        json.put("timezone", p.timezone());
        json.put("retention_days", p.retentionDays());
        json.put("is_active", p.active());
        json.put("created_at", p.createdAt());
        json.put("updated_at", p.updatedAt());
        return json;
    }

    private static Map<String, Object> member(Member m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.membership().id().toString());
        json.put("user_id", m.membership().userId().toString());
        json.put("project_id", m.membership().projectId().toString());
        json.put("user_email", m.email().value());
        json.put("user_display_name", m.displayName());
        json.put("role", m.membership().role().wire());
        json.put("created_at", m.membership().createdAt());
        json.put("updated_at", m.membership().updatedAt());
        return json;
    }
}
