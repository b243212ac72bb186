package dev.z4j.adapter.http.support;

import dev.z4j.ports.support.Refusal;
import io.javalin.http.Context;
import java.util.UUID;

/** Path parameters: an id that is not a UUID names nothing, so it is the route's 404, not a 422. */
public final class PathParams {

    private PathParams() {
    }

    public static UUID uuid(Context ctx, String name, String reason, String message) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound(reason, message);
        }
    }
}
