package dev.z4j.adapter.http.identity;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Frame;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.User;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.identity.UserAdministration.NewUser;
import dev.z4j.ports.identity.UserAdministration.UserChanges;
import dev.z4j.ports.projects.ProjectAccess;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /settings/users} (Settings → Admin → Users): owners create, deactivate, reactivate, promote and delete
 * users through the {@link UserAdministration} in-port that {@code /api/v1/users} uses. There is no email field to
 * edit. The controls that would always be refused (on yourself, on the last active owner) are not shown; the in-port
 * refuses them anyway.
 */
public final class UserPages {

    static final int MAX_LISTED = 500;
    private static final String PATH = "/settings/users";
    private static final Map<String, String> NOTICES = Map.of(
            "created", "User created.",
            "updated", "User updated.",
            "deleted", "User deleted.");

    private final UserAdministration users;
    private final Accounts accounts;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;

    public UserPages(UserAdministration users, Accounts accounts, ProjectAccess access, Callers callers, Frames frames,
                     Pages pages) {
        this.users = users;
        this.accounts = accounts;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, ctx -> page(ctx, callers.authenticated(ctx), 200, null));
        config.routes.post(PATH, this::create);
        config.routes.post(PATH + "/{id}/active", ctx -> change(ctx, changes(Optional.empty(),
                Optional.of(flag(ctx, "active")))));
        config.routes.post(PATH + "/{id}/owner", ctx -> change(ctx, changes(Optional.of(flag(ctx, "owner")),
                Optional.empty())));
        config.routes.post(PATH + "/{id}/delete", this::delete);
    }

    private void page(Context ctx, Caller caller, int status, String error) {
        List<User> listed = users.list(caller, MAX_LISTED, 0);
        UUID me = caller.user().orElseThrow().userId();
        Set<UUID> protectedUsers = new HashSet<>(Set.of(me));
        List<User> activeOwners = listed.stream().filter(u -> u.owner() && u.active()).toList();
        if (activeOwners.size() == 1) {
            protectedUsers.add(activeOwners.get(0).id());
        }
        Frame frame = frames.frame(ctx, caller, "Users").withNotice(Pages.notice(ctx, NOTICES))
                .withError(error);
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frame);
        page.put("users", listed);
        page.put("canManage", access.permitted(caller).contains(Action.USERS_MANAGE));
        page.put("protectedUsers", protectedUsers);
        page.put("me", me);
        page.put("minLength", accounts.passwordRules().minLength());
        pages.render(ctx, status, "settings/users.jte", page);
    }

    private void create(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Pages.submit(ctx, () -> users.create(caller, new NewUser(ctx.formParam("email"), ctx.formParam("display_name"),
                ctx.formParam("password"), flag(ctx, "owner"))), PATH, "created", retry(ctx, caller));
    }

    private void change(Context ctx, UserChanges changes) {
        Caller caller = callers.authenticated(ctx);
        UUID id = userId(ctx);
        Pages.submit(ctx, () -> users.update(caller, id, changes), PATH, "updated", retry(ctx, caller));
    }

    private void delete(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        UUID id = userId(ctx);
        Pages.submit(ctx, () -> users.delete(caller, id), PATH, "deleted", retry(ctx, caller));
    }

    private Pages.Retry retry(Context ctx, Caller caller) {
        return (status, error) -> page(ctx, caller, status, error);
    }

    private static UserChanges changes(Optional<Boolean> owner, Optional<Boolean> active) {
        return new UserChanges(Optional.empty(), owner, active);
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equals(ctx.formParam(name));
    }

    private static UUID userId(Context ctx) {
        return PathParams.uuid(ctx, "id", "user_not_found", "user not found");
    }
}
