package dev.z4j.adapter.http.support;

import io.javalin.http.Context;

/** Headers set on every response (unless a route set its own), and HSTS in production. */
public final class SecurityHeaders {

    static final String HTML_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    private final String hsts;

    /** @param hstsMaxAgeSeconds HSTS max-age, or 0 to send none (dev mode) */
    public SecurityHeaders(long hstsMaxAgeSeconds) {
        this.hsts = hstsMaxAgeSeconds > 0 ? "max-age=" + hstsMaxAgeSeconds + "; includeSubDomains" : null;
    }

    public void apply(Context ctx) {
        setIfAbsent(ctx, "X-Content-Type-Options", "nosniff");
        setIfAbsent(ctx, "X-Frame-Options", "DENY");
        setIfAbsent(ctx, "Referrer-Policy", "strict-origin-when-cross-origin");
        setIfAbsent(ctx, "Cross-Origin-Opener-Policy", "same-origin");
        setIfAbsent(ctx, "Cross-Origin-Resource-Policy", "same-origin");
        setIfAbsent(ctx, "Permissions-Policy", "geolocation=(), microphone=(), camera=(), payment=(), usb=()");
        String path = ctx.path();
        if (path.startsWith("/api/v1/auth") || path.startsWith("/api/v1/setup") || path.startsWith("/setup")) {
            ctx.header("Cache-Control", "no-store");
            ctx.header("Referrer-Policy", "no-referrer");
        }
        String type = ctx.res().getContentType();
        if (type != null && type.startsWith("text/html")) {
            setIfAbsent(ctx, "Content-Security-Policy", HTML_POLICY);
        }
        if (hsts != null) {
            ctx.header("Strict-Transport-Security", hsts);
        }
    }

    private static void setIfAbsent(Context ctx, String name, String value) {
        if (ctx.res().getHeader(name) == null) {
            ctx.header(name, value);
        }
    }
}
