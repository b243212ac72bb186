package dev.z4j.adapter.http.identity;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.JsonBody;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.UserAdministration;
import dev.z4j.ports.identity.UserAdministration.NewUser;
import dev.z4j.ports.identity.UserAdministration.UserChanges;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/users}: owners manage users. There is no way to change an email: a PATCH that names one is refused
 * (422 {@code email_immutable}); to move someone to a new address, create a user and delete the old one.
 */
public final class UserRoutes {

    private static final int DEFAULT_PAGE = 100;

    private final UserAdministration users;
    private final Callers callers;

    public UserRoutes(UserAdministration users, Callers callers) {
        this.users = users;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/users", this::list);
        config.routes.post("/api/v1/users", this::create);
        config.routes.get("/api/v1/users/{id}", this::get);
        config.routes.patch("/api/v1/users/{id}", this::update);
        config.routes.post("/api/v1/users/{id}/password", this::setPassword);
        config.routes.delete("/api/v1/users/{id}", this::delete);
    }

    private void list(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        int limit = intParam(ctx, "limit", DEFAULT_PAGE);
        int offset = intParam(ctx, "offset", 0);
        ctx.json(users.list(caller, limit, offset).stream().map(IdentityJson::user).toList());
    }

    private void create(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        JsonBody body = JsonBody.of(ctx);
        NewUser request = new NewUser(body.text("email"), body.optionalText("display_name").orElse(null),
                body.text("password"), body.optionalBoolean("is_owner").orElse(false));
        ctx.status(201).json(IdentityJson.user(users.create(caller, request)));
    }

    private void get(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        ctx.json(IdentityJson.user(users.get(caller, userId(ctx))));
    }

    private void update(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        UUID id = userId(ctx);
        JsonBody body = JsonBody.of(ctx);
        if (body.has("email")) {
            users.get(caller, id);
            throw emailIsImmutable();
        }
        UserChanges changes = new UserChanges(body.optionalText("display_name"), body.optionalBoolean("is_owner"),
                body.optionalBoolean("is_active"));
        ctx.json(IdentityJson.user(users.update(caller, id, changes)));
    }

    private void setPassword(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        UUID id = userId(ctx);
        users.setPassword(caller, id, JsonBody.of(ctx).text("new_password"));
        ctx.status(204);
    }

    private void delete(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        users.delete(caller, userId(ctx));
        ctx.status(204);
    }

    /** What a request that tries to change an email gets: no route renames one (SPEC §3). */
    static Refusal emailIsImmutable() {
        return Refusal.invalid("email_immutable", "an email cannot be changed: it is the user's identity in the "
                + "audit log; create a user with the new address and delete the old one", Map.of("field", "email"));
    }

    private static UUID userId(Context ctx) {
        return PathParams.uuid(ctx, "id", "user_not_found", "user not found");
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw Refusal.invalid("invalid_" + name, name + " must be a whole number", Map.of("field", name));
        }
    }
}
