package dev.z4j.adapter.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.z4j.ports.support.Refusal;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.StorageFullException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>Dashboard pages (every path outside {@code /api/}, {@code /ws/}, {@code /metrics} and {@code /assets/}) get the
 * same statuses as HTML instead: a page that needs a session sends the browser to {@code /login} (303, remembering
 * where it was going), anything else is a problem page naming what went wrong. An htmx request gets the message as a
 * fragment for the page's message area.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    public static void install(JavalinConfig config, Pages pages) {
        config.routes.exception(ApiError.class, (e, ctx) ->
                respond(ctx, pages, e.status(), e.code(), e.getMessage(), e.details()));
        config.routes.exception(Refusal.class, (e, ctx) -> {
            e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Refusal.seconds(wait))));
            respond(ctx, pages, statusOf(e.kind()), codeOf(e), e.getMessage(), e.details());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, pages, e.getStatus(), codeFor(e.getStatus()), messageFor(e), Map.of()));
        config.routes.exception(JsonProcessingException.class, (e, ctx) -> respond(ctx, pages, 422,
                "validation_error", "the request body is not valid JSON for this route", Map.of()));
        config.routes.exception(StorageFullException.class, (e, ctx) -> respond(ctx, pages, 503, "storage_full",
                "the brain's disk is full: writes are refused until an operator frees space; reads keep working",
                Map.of()));
        config.routes.exception(DatabaseUnavailableException.class, (e, ctx) -> {
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            respond(ctx, pages, 503, "database_unavailable", "the database does not answer; try again shortly",
                    Map.of());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, pages, 500, "internal_error", "the brain encountered an unexpected error", Map.of());
        });
    }

    /** Whether a path is a dashboard page (HTML) rather than the API, a WebSocket, metrics or an asset. */
    public static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws/")
                || path.startsWith("/metrics") || path.startsWith("/assets/"));
    }

    private static void respond(Context ctx, Pages pages, int status, String code, String message,
                                Map<String, Object> details) {
        if (!isPage(ctx.path())) {
            respond(ctx, status, code, message, details);
            return;
        }
        if (status == 401) {
            toLogin(ctx);
            return;
        }
        String shown = switch (code) {
            case "csrf_failed" -> "This form is out of date (the session changed since the page was loaded). "
                    + "Reload the page and try again.";
            case "internal_error" -> message + " (request " + RequestIds.of(ctx) + "; the brain's log has the details)";
            default -> message;
        };
        if (Pages.fromHtmx(ctx)) {
            pages.render(ctx, status, "message.jte", Map.of("error", true, "message", shown));
            ctx.header("HX-Retarget", "#messages").header("HX-Reswap", "innerHTML");
            return;
        }
        pages.problem(ctx, status, titleFor(status), shown);
    }

    /** Not signed in (or the session ended): to the sign-in page, then back here. */
    private static void toLogin(Context ctx) {
        if (Pages.fromHtmx(ctx)) {
            ctx.status(204).header("HX-Redirect", "/login");
            return;
        }
        String target = "/login";
        if (ctx.method() == HandlerType.GET) {
            String query = ctx.queryString();
            target += "?next=" + URLEncoder.encode(ctx.path() + (query == null ? "" : "?" + query),
                    StandardCharsets.UTF_8);
        }
        ctx.redirect(target, HttpStatus.SEE_OTHER);
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Not possible right now";
            case 410 -> "No longer valid";
            case 413, 422 -> "Not accepted";
            case 429 -> "Too many attempts";
            case 503 -> "The brain is busy";
            default -> status >= 500 ? "Something went wrong" : "Request refused";
        };
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

    /** The envelope's {@code error}: {@code agent_offline} names itself (upstream's code), other kinds their class. */
    private static String codeOf(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> "validation_error";
            case EXPIRED -> "gone";
            case BUSY -> refusal.reason().equals("agent_offline") ? "agent_offline" : "busy";
            default -> codeFor(statusOf(refusal.kind()));
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
