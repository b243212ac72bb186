package dev.z4j.adapter.http.identity;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.SessionCookies;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The sign-in page ({@code /login}) and sign-out ({@code POST /logout}): plain forms on the same in-port as
 * {@code /api/v1/auth/login} and {@code /logout}. Failures say what happened without saying whether the email exists:
 * wrong credentials (401), a locked account or address with the time left (429), a busy brain (503).
 */
public final class LoginPages {

    private final Authentication authentication;
    private final FirstBoot firstBoot;
    private final Callers callers;
    private final SessionCookies cookies;
    private final Pages pages;

    public LoginPages(Authentication authentication, FirstBoot firstBoot, Callers callers, SessionCookies cookies,
                      Pages pages) {
        this.authentication = authentication;
        this.firstBoot = firstBoot;
        this.callers = callers;
        this.cookies = cookies;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/login", this::page);
        config.routes.post("/login", this::signIn);
        config.routes.post("/logout", this::signOut);
    }

    private void page(Context ctx) {
        String next = safeNext(ctx.queryParam("next"));
        if (callers.session(ctx).isPresent()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        String notice = "signed_out".equals(ctx.queryParam("done")) ? "You are signed out." : null;
        render(ctx, 200, "", next, notice, null);
    }

    private void signIn(Context ctx) {
        String email = orEmpty(ctx.formParam("email"));
        String next = safeNext(ctx.formParam("next"));
        SignedIn signedIn;
        try {
            signedIn = authentication.login(callers.anonymous(ctx), email, ctx.formParam("password"));
        } catch (Refusal refusal) {
            refusal.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Refusal.seconds(wait))));
            render(ctx, ErrorHandling.statusOf(refusal.kind()), email, next, null, explain(refusal));
            return;
        }
        cookies.set(ctx, signedIn, Instant.now());
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        authentication.logout(callers.authenticated(ctx));
        cookies.clear(ctx);
        ctx.redirect("/login?done=signed_out", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String email, String next, String notice, String error) {
        Map<String, Object> page = new HashMap<>();
        page.put("email", email);
        page.put("next", next);
        page.put("notice", notice);
        page.put("error", error);
        page.put("awaitingSetup", firstBoot.awaitingFirstOwner());
        pages.render(ctx, status, "login.jte", page);
    }

    private static String explain(Refusal refusal) {
        return switch (refusal.kind()) {
            case UNAUTHENTICATED -> "The email or password is incorrect.";
            case THROTTLED -> "Too many failed sign-ins: signing in is locked for this account or address for "
                    + minutes(refusal.retryAfter().orElse(Duration.ofMinutes(1)))
                    + ". Wait, or ask an owner to reset the password (z4j changepassword clears the lock).";
            case BUSY -> "The brain is busy checking other sign-ins. Try again in a few seconds.";
            case INVALID -> "Enter a valid email address.";
            default -> refusal.getMessage();
        };
    }

    private static String minutes(Duration wait) {
        long minutes = (Refusal.seconds(wait) + 59) / 60;
        return minutes == 1 ? "another minute" : "another " + minutes + " minutes";
    }

    /** Only a path on this site: never another origin ({@code //host}, {@code /\host}) or a scheme. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
