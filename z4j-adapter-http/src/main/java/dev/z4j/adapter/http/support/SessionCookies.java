package dev.z4j.adapter.http.support;

import dev.z4j.ports.identity.SignedIn;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The session and CSRF cookies. Production: {@code __Host-z4j_session} (Secure, so browsers bind it to this exact
 * origin) and {@code z4j_csrf}, both Secure; dev: {@code z4j_session} and {@code z4j_csrf} over plain HTTP. The
 * session cookie is HttpOnly and SameSite=Lax; the CSRF cookie is readable by the page's script (it must echo it in
 * {@code X-CSRF-Token}) and SameSite=Strict. Both live until the session's absolute expiry; the idle limit is enforced
 * by the server.
 */
public final class SessionCookies {

    public static final String PRODUCTION_SESSION = "__Host-z4j_session";
    public static final String DEV_SESSION = "z4j_session";
    public static final String CSRF = "z4j_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final boolean production;

    public SessionCookies(boolean production) {
        this.production = production;
    }

    public String sessionCookieName() {
        return production ? PRODUCTION_SESSION : DEV_SESSION;
    }

    /** The session cookie's value, when the request carries one. */
    public Optional<String> sessionToken(Context ctx) {
        return Optional.ofNullable(ctx.cookie(sessionCookieName())).filter(v -> !v.isEmpty());
    }

    public void set(Context ctx, SignedIn signedIn, Instant now) {
        int maxAge = (int) Math.max(1, Duration.between(now, signedIn.expiresAt()).toSeconds());
        ctx.cookie(cookie(sessionCookieName(), signedIn.sessionToken(), maxAge, true, SameSite.LAX));
        ctx.cookie(cookie(CSRF, signedIn.csrfToken(), maxAge, false, SameSite.STRICT));
    }

    public void clear(Context ctx) {
        ctx.cookie(cookie(sessionCookieName(), "", 0, true, SameSite.LAX));
        ctx.cookie(cookie(CSRF, "", 0, false, SameSite.STRICT));
    }

    private Cookie cookie(String name, String value, int maxAge, boolean httpOnly, SameSite sameSite) {
        return new Cookie(name, value, "/", maxAge, production, httpOnly, null, sameSite);
    }
}
