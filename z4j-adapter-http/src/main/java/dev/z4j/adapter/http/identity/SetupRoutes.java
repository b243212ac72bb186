package dev.z4j.adapter.http.identity;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.adapter.http.support.JsonBody;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.SessionCookies;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.FirstBoot;
import dev.z4j.ports.identity.FirstBoot.SetupCompleted;
import dev.z4j.ports.identity.FirstBoot.SetupRequest;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first-boot setup: the {@code /setup?token=...} page (a plain form, no script), its form post, and the JSON
 * API {@code POST /api/v1/setup/complete}. A used, wrong or expired link is a page that says so with a 4xx status;
 * a form error re-renders the form with the message (never the password).
 */
public final class SetupRoutes {

    private final FirstBoot firstBoot;
    private final Accounts accounts;
    private final Callers callers;
    private final SessionCookies cookies;
    private final Pages pages;

    public SetupRoutes(FirstBoot firstBoot, Accounts accounts, Callers callers, SessionCookies cookies, Pages pages) {
        this.firstBoot = firstBoot;
        this.accounts = accounts;
        this.callers = callers;
        this.cookies = cookies;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/setup", this::page);
        config.routes.post("/setup", this::submitForm);
        config.routes.post("/api/v1/setup/complete", this::complete);
        config.routes.get("/api/v1/setup/status", this::status);
    }

    private void page(Context ctx) {
        String token = ctx.queryParam("token");
        try {
            firstBoot.checkToken(callers.anonymous(ctx), token);
        } catch (Refusal refusal) {
            problem(ctx, refusal);
            return;
        }
        form(ctx, 200, token, null, "", "", "");
    }

    private void submitForm(Context ctx) {
        String token = ctx.formParam("token");
        String email = orEmpty(ctx.formParam("email"));
        String displayName = orEmpty(ctx.formParam("display_name"));
        String projectName = orEmpty(ctx.formParam("project_name"));
        try {
            SetupCompleted done = firstBoot.complete(callers.anonymous(ctx),
                    new SetupRequest(token, email, displayName, ctx.formParam("password"), projectName));
            cookies.set(ctx, done.signedIn(), Instant.now());
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } catch (Refusal refusal) {
            if (refusal.kind() == Refusal.Kind.INVALID) {
                form(ctx, 422, token, refusal.getMessage(), email, displayName, projectName);
            } else {
                problem(ctx, refusal);
            }
        }
    }

    private void complete(Context ctx) {
        Caller caller = callers.anonymous(ctx);
        JsonBody body = JsonBody.of(ctx);
        SetupCompleted done = firstBoot.complete(caller, new SetupRequest(body.text("token"), body.text("email"),
                body.optionalText("display_name").orElse(null), body.text("password"),
                body.optionalText("project_name").orElse(null)));
        cookies.set(ctx, done.signedIn(), Instant.now());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", IdentityJson.user(done.signedIn().user()));
        json.put("project_id", done.projectId().toString());
        json.put("project_slug", done.projectSlug());
        ctx.json(json);
    }

    private void status(Context ctx) {
        if (firstBoot.awaitingFirstOwner()) {
            ctx.json(Map.of("first_boot", true));
            return;
        }
        callers.authenticated(ctx);
        ctx.json(Map.of("first_boot", false));
    }

    private void form(Context ctx, int status, String token, String error, String email, String displayName,
                      String projectName) {
        Map<String, Object> page = new HashMap<>();
        page.put("token", orEmpty(token));
        page.put("error", error);
        page.put("email", email);
        page.put("displayName", displayName);
        page.put("projectName", projectName);
        page.put("minLength", accounts.passwordRules().minLength());
        pages.render(ctx, status, "setup.jte", page);
    }

    private void problem(Context ctx, Refusal refusal) {
        refusal.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Refusal.seconds(wait))));
        String title = switch (refusal.kind()) {
            case EXPIRED -> "This setup link has expired";
            case CONFLICT -> "This brain is already set up";
            case THROTTLED -> "Too many attempts";
            default -> "This setup link is not valid";
        };
        pages.render(ctx, ErrorHandling.statusOf(refusal.kind()), "problem.jte",
                Map.of("title", title, "message", refusal.getMessage()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
