package dev.z4j.adapter.http.identity;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.JsonBody;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.adapter.http.support.SessionCookies;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.PasswordRules;
import dev.z4j.ports.identity.Session;
import dev.z4j.ports.identity.SignedIn;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/auth}: sign in and out, who am I, my display name, change my password, my sessions, the password
 * rules. Everything but sign-in and the rules needs a live session; unsafe methods also need the CSRF header.
 */
public final class AuthRoutes {

    private final Authentication authentication;
    private final Accounts accounts;
    private final Callers callers;
    private final SessionCookies cookies;

    public AuthRoutes(Authentication authentication, Accounts accounts, Callers callers, SessionCookies cookies) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.callers = callers;
        this.cookies = cookies;
    }

    public void register(JavalinConfig config) {
        config.routes.post("/api/v1/auth/login", this::login);
        config.routes.post("/api/v1/auth/logout", this::logout);
        config.routes.get("/api/v1/auth/me", this::me);
        config.routes.patch("/api/v1/auth/me", this::changeProfile);
        config.routes.post("/api/v1/auth/change-password", this::changePassword);
        config.routes.get("/api/v1/auth/sessions", this::sessions);
        config.routes.post("/api/v1/auth/sessions/{id}/revoke", this::revokeSession);
        config.routes.get("/api/v1/auth/policy", this::policy);
    }

    private void login(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        SignedIn signedIn = authentication.login(callers.anonymous(ctx), body.text("email"), body.text("password"));
        cookies.set(ctx, signedIn, Instant.now());
        ctx.json(Map.of("user", IdentityJson.user(signedIn.user())));
    }

    private void logout(Context ctx) {
        authentication.logout(callers.authenticated(ctx));
        cookies.clear(ctx);
        ctx.status(204);
    }

    private void me(Context ctx) {
        Accounts.Me me = accounts.me(callers.authenticated(ctx));
        Map<String, Object> json = IdentityJson.user(me.user());
        json.put("memberships", me.memberships().stream().map(m -> {
            Map<String, Object> membership = new LinkedHashMap<>();
            membership.put("project_id", m.projectId().toString());
            membership.put("project_slug", m.projectSlug());
            membership.put("role", m.role().wire());
            return membership;
        }).toList());
        ctx.json(json);
    }

    /** Upstream's profile fields that this brain has: the display name (never the email). */
    private void changeProfile(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        JsonBody body = JsonBody.of(ctx);
        if (body.has("email")) {
            throw UserRoutes.emailIsImmutable();
        }
        body.optionalText("display_name").ifPresent(name -> accounts.changeDisplayName(caller, name));
        me(ctx);
    }

    private void changePassword(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        JsonBody body = JsonBody.of(ctx);
        SignedIn fresh = accounts.changePassword(caller, body.text("current_password"), body.text("new_password"));
        cookies.set(ctx, fresh, Instant.now());
        ctx.json(Map.of("user", IdentityJson.user(fresh.user())));
    }

    private void sessions(Context ctx) {
        List<Map<String, Object>> sessions = accounts.sessions(callers.authenticated(ctx)).stream().map(view -> {
            Session s = view.session();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", s.id().toString());
            json.put("issued_at", s.issuedAt());
            json.put("last_seen_at", s.lastSeenAt());
            json.put("expires_at", s.expiresAt());
            json.put("ip_at_issue", s.ipAtIssue());
            json.put("user_agent_at_issue", s.userAgentAtIssue().orElse(null));
            json.put("is_current", view.current());
            return json;
        }).toList();
        ctx.json(sessions);
    }

    private void revokeSession(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        accounts.revokeSession(caller, PathParams.uuid(ctx, "id", "session_not_found", "session not found"));
        ctx.json(Map.of("revoked", true));
    }

    private void policy(Context ctx) {
        PasswordRules rules = accounts.passwordRules();
        ctx.json(Map.of("min_length", rules.minLength(), "max_length", rules.maxLength(), "rules", rules.rules()));
    }
}
