package dev.z4j.adapter.http.identity;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.ports.identity.Accounts;
import dev.z4j.ports.identity.Caller;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /}: where setup lands: who is signed in and their projects. The dashboard issue replaces it. */
public final class HomePage {

    private final Accounts accounts;
    private final Callers callers;
    private final Pages pages;

    public HomePage(Accounts accounts, Callers callers, Pages pages) {
        this.accounts = accounts;
        this.callers = callers;
        this.pages = pages;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/", this::home);
    }

    private void home(Context ctx) {
        Map<String, Object> page = new HashMap<>();
        page.put("displayName", null);
        page.put("email", null);
        page.put("owner", false);
        page.put("projects", List.of());
        if (callers.session(ctx).isPresent()) {
            Caller caller = callers.authenticated(ctx);
            Accounts.Me me = accounts.me(caller);
            page.put("displayName", me.user().displayName());
            page.put("email", me.user().email().value());
            page.put("owner", me.user().owner());
            page.put("projects", me.memberships().stream()
                    .map(m -> m.projectSlug() + " (" + m.role().wire() + ")").toList());
        }
        pages.render(ctx, 200, "home.jte", page);
    }
}
