package dev.z4j.adapter.http.identity;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.adapter.http.support.Frame;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.adapter.http.support.SessionCookies;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.SignedIn;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code /account}: the signed-in user's display name, password and sessions, on the {@link Accounts} in-port that
 * {@code /api/v1/auth/*} uses. Changing the password keeps this browser signed in with the fresh session; revoking
 * the current session signs it out.
 */
public final class AccountPages {

    private static final Map<String, String> NOTICES = Map.of(
            "profile", "Display name saved.",
            "password", "Password changed. Every other session is signed out.",
            "session_revoked", "Session revoked.");

    private final Accounts accounts;
    private final Callers callers;
    private final SessionCookies cookies;
    private final Frames frames;
    private final Pages pages;

    public AccountPages(Accounts accounts, Callers callers, SessionCookies cookies, Frames frames, Pages pages) {
        this.accounts = accounts;
        this.callers = callers;
        this.cookies = cookies;
        this.frames = frames;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/account", ctx -> page(ctx, callers.authenticated(ctx), 200, null));
        config.routes.post("/account/profile", this::changeDisplayName);
        config.routes.post("/account/password", this::changePassword);
        config.routes.post("/account/sessions/{id}/revoke", this::revokeSession);
    }

    private void page(Context ctx, Caller caller, int status, String error) {
        Frame frame = frames.frame(ctx, caller, "Account").withNotice(Pages.notice(ctx, NOTICES))
                .withError(error);
        pages.render(ctx, status, "account.jte", Map.of("frame", frame, "user", accounts.me(caller).user(),
                "sessions", accounts.sessions(caller), "minLength", accounts.passwordRules().minLength()));
    }

    private void changeDisplayName(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        Pages.submit(ctx, () -> accounts.changeDisplayName(caller, ctx.formParam("display_name")), "/account",
                "profile", (status, error) -> page(ctx, caller, status, error));
    }

    private void changePassword(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String newPassword = ctx.formParam("new_password");
        if (!Objects.equals(newPassword, ctx.formParam("confirm_password"))) {
            page(ctx, caller, 422, "The two new passwords differ; type the same one twice.");
            return;
        }
        SignedIn fresh;
        try {
            fresh = accounts.changePassword(caller, ctx.formParam("current_password"), newPassword);
        } catch (Refusal refusal) {
            page(ctx, caller, ErrorHandling.statusOf(refusal.kind()), refusal.getMessage());
            return;
        }
        cookies.set(ctx, fresh, Instant.now());
        Pages.redirect(ctx, "/account", "password");
    }

    private void revokeSession(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        UUID id = PathParams.uuid(ctx, "id", "session_not_found", "session not found");
        accounts.revokeSession(caller, id);
        boolean current = callers.session(ctx).map(s -> s.session().id().equals(id)).orElse(false);
        if (current) {
            cookies.clear(ctx);
            ctx.redirect("/login?done=signed_out", HttpStatus.SEE_OTHER);
            return;
        }
        Pages.redirect(ctx, "/account", "session_revoked");
    }
}
