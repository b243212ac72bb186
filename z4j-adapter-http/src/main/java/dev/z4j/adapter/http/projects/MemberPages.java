package dev.z4j.adapter.http.projects;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.ProjectRole;
import dev.z4j.ports.projects.Member;
import dev.z4j.ports.projects.Memberships;
import dev.z4j.ports.projects.Memberships.UserRef;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /projects/{slug}/members} (the seed's "Settings → Memberships"): project admins add users by email, change
 * roles and remove members through the {@link Memberships} in-port that {@code /api/v1/projects/{slug}/memberships}
 * uses. The project's only admin has no demote or remove control; the in-port refuses it anyway ({@code last_admin}).
 */
public final class MemberPages {

    private static final Map<String, String> NOTICES = Map.of(
            "added", "Member added.",
            "changed", "Role changed.",
            "removed", "Member removed.");

    private final Memberships memberships;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public MemberPages(Memberships memberships, ProjectAccess access, Callers callers, Frames frames, Pages pages) {
        this.memberships = memberships;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/projects/{slug}/members", ctx -> page(ctx, callers.authenticated(ctx), 200, null));
        config.routes.post("/projects/{slug}/members", this::add);
        config.routes.post("/projects/{slug}/members/{id}/role", this::changeRole);
        config.routes.post("/projects/{slug}/members/{id}/remove", this::remove);
    }

    private void page(Context ctx, Caller caller, int status, String error) {
        String slug = ctx.pathParam("slug");
        Grant grant = access.authorize(caller, slug, Action.MEMBERS_VIEW);
        List<Member> members = memberships.list(caller, slug);
        List<Member> admins = members.stream().filter(m -> m.membership().role() == ProjectRole.ADMIN).toList();
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frames.frame(ctx, caller, "Members · " + grant.project().name(), grant)
                .withNotice(Pages.notice(ctx, NOTICES)).withError(error));
        page.put("slug", grant.project().slug().value());
        page.put("members", members);
        page.put("canManage", grant.permits(Action.MEMBERS_MANAGE));
        page.put("lastAdmin", admins.size() == 1 ? Optional.of(admins.get(0).membership().id())
                : Optional.<UUID>empty());
        pages.render(ctx, status, "project/members.jte", page);
    }

    private void add(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        String email = Objects.requireNonNullElse(ctx.formParam("email"), "").strip();
        UserRef user = new UserRef(Optional.empty(), Optional.of(email));
        Pages.submit(ctx, () -> memberships.grant(caller, slug, user, ProjectRole.fromWire(ctx.formParam("role"))),
                path(slug), "added", retry(ctx, caller));
    }

    private void changeRole(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        UUID id = membershipId(ctx);
        Pages.submit(ctx, () -> memberships.change(caller, slug, id, ProjectRole.fromWire(ctx.formParam("role"))),
                path(slug), "changed", retry(ctx, caller));
    }

    private void remove(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        UUID id = membershipId(ctx);
        Pages.submit(ctx, () -> memberships.revoke(caller, slug, id), path(slug), "removed", retry(ctx, caller));
    }

    private Pages.Retry retry(Context ctx, Caller caller) {
        return (status, error) -> page(ctx, caller, status, error);
    }

    private static String path(String slug) {
        return "/projects/" + slug + "/members";
    }

    private static UUID membershipId(Context ctx) {
        return PathParams.uuid(ctx, "id", "membership_not_found", "membership not found");
    }
}
