package dev.z4j.adapter.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every error, from routes, from in-port refusals ({@link Refusal}: the reason goes in {@code details},
 * a retry-after in the {@code Retry-After} header), from Javalin (404, 405, 413) and from unexpected exceptions, as the
 * one envelope
 * {@code {"error", "message", "request_id", "details"}}. Unexpected exceptions are logged with the request id and
 * answered without any internal detail.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> respond(ctx, e.status(), e.code(), e.getMessage(), e.details()));
        config.routes.exception(Refusal.class, (e, ctx) -> {
            e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Refusal.seconds(wait))));
            respond(ctx, statusOf(e.kind()), codeOf(e.kind()), e.getMessage(), e.details());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e), Map.of()));
        config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                respond(ctx, 422, "validation_error", "the request body is not valid JSON for this route", Map.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "the brain encountered an unexpected error", Map.of());
        });
    }

    public static void respond(Context ctx, int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("request_id", RequestIds.of(ctx));
        body.put("details", details);
        ctx.status(status).json(body);
    }

    /** The HTTP status an in-port's refusal is answered with. */
    public static int statusOf(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 422;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case EXPIRED -> 410;
            case THROTTLED -> 429;
            case BUSY -> 503;
        };
    }

    private static String codeOf(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> "validation_error";
            case EXPIRED -> "gone";
            case BUSY -> "busy";
            default -> codeFor(statusOf(kind));
        };
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "validation_error";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    private static String messageFor(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "no such route";
            case 405 -> "this route does not accept that method";
            case 413 -> "the request body is larger than this route accepts";
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "request refused" : e.getMessage();
        };
    }
}
