package dev.z4j.adapter.http.support;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Server-rendered pages: JTE templates ({@code src/main/jte}) precompiled to Java classes at build time, so the brain
 * ships no template compiler and a page renders as a plain method call. Every page gets the strict page policy
 * ({@link #CONTENT_SECURITY_POLICY}: same-origin scripts and styles only, no inline code, no framing) and is never
 * cached. Static assets (CSS, later htmx) are served from the class path under {@code /assets/}.
 */
public final class Pages {

    /** Nothing inline, nothing from elsewhere; forms post only to this origin. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'";
    private static final String ASSETS = "/dev/z4j/adapter/http/assets/";
    private static final Map<String, String> ASSET_TYPES = Map.of("z4j.css", "text/css; charset=utf-8");

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Serves the bundled assets ({@code GET /assets/<name>}). */
    public void registerAssets(JavalinConfig config) {
        ASSET_TYPES.forEach((name, type) -> {
            byte[] content = read(ASSETS + name);
            config.routes.get("/assets/" + name, ctx -> ctx.contentType(type)
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
