package dev.z4j.adapter.http.support;

import dev.z4j.ports.support.Refusal;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Server-rendered pages: JTE templates ({@code src/main/jte}) precompiled to Java classes at build time, so the brain
 * ships no template compiler and a page renders as a plain method call. Every page gets the strict page policy
 * ({@link #CONTENT_SECURITY_POLICY}: same-origin scripts and styles only, no inline code, no framing) and is never
 * cached. Static assets (the stylesheet, the dashboard's small script, htmx from its WebJar) are served from the
 * class path under {@code /assets/}.
 */
public final class Pages {

    /** Nothing inline, nothing from elsewhere; forms post only to this origin. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'";
    /** The hidden form field that carries the session's CSRF token on forms posted without JavaScript. */
    public static final String CSRF_FIELD = "_csrf";

    private static final String OWN_ASSETS = "/dev/z4j/adapter/http/assets/";
    private static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.7/dist/htmx.min.js";
    private static final Map<String, Asset> ASSETS = Map.of(
            "z4j.css", new Asset(OWN_ASSETS + "z4j.css", "text/css; charset=utf-8"),
            "z4j.js", new Asset(OWN_ASSETS + "z4j.js", "text/javascript; charset=utf-8"),
            "htmx.min.js", new Asset(HTMX, "text/javascript; charset=utf-8"));

    private record Asset(String resource, String type) {
    }

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Serves the bundled assets ({@code GET /assets/<name>}). */
    public void registerAssets(JavalinConfig config) {
        ASSETS.forEach((name, asset) -> {
            byte[] content = read(asset.resource());
            config.routes.get("/assets/" + name, ctx -> ctx.contentType(asset.type())
                    .header("Cache-Control", "public, max-age=3600").result(content));
        });
    }

    /** Renders {@code template} (a name such as {@code setup.jte}) with its parameters as the response. */
    public void render(Context ctx, int status, String template, Map<String, Object> parameters) {
        StringOutput output = new StringOutput();
        engine.render(template, parameters, output);
        ctx.status(status)
                .contentType("text/html; charset=utf-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cache-Control", "no-store")
                .result(output.toString());
    }

    /** A page describing a problem (not found, refused, expired link), with the status that says so. */
    public void problem(Context ctx, int status, String title, String message) {
        render(ctx, status, "problem.jte", Map.of("title", title, "message", message));
    }

    /** Whether htmx sent this request (it then wants a fragment, not a whole page). */
    public static boolean fromHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** The text of the notice a redirect named ({@code ?done=<code>}), when this page knows the code. */
    public static String notice(Context ctx, Map<String, String> notices) {
        String code = ctx.queryParam("done");
        return code == null ? null : notices.get(code);
    }

    /** After a form post: back to a page (303, so a reload does not post again), with a notice code. */
    public static void redirect(Context ctx, String path, String notice) {
        String separator = path.contains("?") ? "&" : "?";
        ctx.redirect(notice == null ? path : path + separator + "done=" + URLEncoder.encode(notice,
                StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    /** Shows a page again after a refused form, with the refusal's message and status. */
    @FunctionalInterface
    public interface Retry {
        void show(int status, String error);
    }

    /**
     * Runs a form's change through its in-port: done, the browser goes to {@code path} with {@code notice} (303); a
     * refusal shows the form's page again with the reason and the refusal's status, nothing changed.
     */
    public static void submit(Context ctx, Runnable change, String path, String notice, Retry retry) {
        try {
            change.run();
        } catch (Refusal refusal) {
            refusal.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Refusal.seconds(wait))));
            retry.show(ErrorHandling.statusOf(refusal.kind()), refusal.getMessage());
            return;
        }
        redirect(ctx, path, notice);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Pages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
