package dev.z4j.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of identity, setup, users, projects, memberships and the audit log, and every dashboard page and form
 * built on them, called by every kind of principal on a real brain:
 * nobody signed in, a viewer, an operator and an admin of project {@code ops}, an owner, and a signed-in user who is
 * no member of {@code ops}. Each call gets fresh targets, so one principal's success never changes another's answer.
 * The agent-token column is {@code AgentTokenMatrixTest}, over every route the brain serves.
 */
class AuthorizationMatrixTest {

    enum Who { ANONYMOUS, VIEWER, OPERATOR, ADMIN, OWNER, OUTSIDER }

    @TempDir
    static Path home;
    static IdentityWorld world;

    @BeforeAll
    static void setUp() {
        world = IdentityWorld.start(home);
        for (Who who : List.of(Who.VIEWER, Who.OPERATOR, Who.ADMIN, Who.OUTSIDER)) {
            world.createUser(email(who), false);
        }
        world.createUser(email(Who.OWNER), true);
        world.addMember("ops", email(Who.VIEWER), "viewer");
        world.addMember("ops", email(Who.OPERATOR), "operator");
        world.addMember("ops", email(Who.ADMIN), "admin");
        world.createProject("billing");
        world.addMember("billing", email(Who.OUTSIDER), "admin");
    }

    @AfterAll
    static void tearDown() {
        world.close();
    }

    /** The owner principal is a second owner, so that its logouts and password changes leave the fixture's alone. */
    static String email(Who who) {
        return who.name().toLowerCase() + "@example.test";
    }

    /** A request built afresh for each principal (creating whatever it needs first, as the owner). */
    record Call(String method, String path, String body, String contentType) {
    }

    record Case(String route, BiFunction<Who, Browser, Call> call, int anonymous, int viewer, int operator, int admin,
                int owner, int outsider) {
        int expected(Who who) {
            return switch (who) {
                case ANONYMOUS -> anonymous;
                case VIEWER -> viewer;
                case OPERATOR -> operator;
                case ADMIN -> admin;
                case OWNER -> owner;
                case OUTSIDER -> outsider;
            };
        }
    }

    static Case route(String route, BiFunction<Who, Browser, Call> call, int... expected) {
        return new Case(route, call, expected[0], expected[1], expected[2], expected[3], expected[4], expected[5]);
    }

    static Call call(String method, String path, String body) {
        return new Call(method, path, body, "application/json");
    }

    /** A dashboard form post (the CSRF token travels in the header here; the browser tests cover the form field). */
    static Call form(String path, String body) {
        return new Call("POST", path, body, "application/x-www-form-urlencoded");
    }

    static String throwawayUser() {
        return world.createUser("throwaway" + world.next() + "@example.test", false);
    }

    static String throwawayMember() {
        String email = "member" + world.next() + "@example.test";
        world.createUser(email, false);
        return world.addMember("ops", email, "viewer");
    }

    static String currentSessionId(Browser browser) {
        HttpResponse<String> response = browser.get("/api/v1/auth/sessions");
        JsonNode sessions = response.statusCode() == 200 ? Json.parse(response.body()) : Json.parse("[]");
        for (JsonNode s : sessions) {
            if (s.get("is_current").asBoolean()) {
                return s.get("id").asText();
            }
        }
        return "00000000-0000-0000-0000-000000000000";
    }

    static List<Case> cases() {
        String password = IdentityWorld.PASSWORD;
        List<Case> cases = new ArrayList<>();
        // Public routes.
        cases.add(route("POST /api/v1/auth/login", (w, b) -> call("POST", "/api/v1/auth/login",
                Json.object("email", email(w == Who.ANONYMOUS ? Who.OWNER : w), "password", password)),
                200, 200, 200, 200, 200, 200));
        cases.add(route("GET /api/v1/auth/policy", (w, b) -> call("GET", "/api/v1/auth/policy", null),
                200, 200, 200, 200, 200, 200));
        cases.add(route("GET /api/v1/setup/status", (w, b) -> call("GET", "/api/v1/setup/status", null),
                401, 200, 200, 200, 200, 200));
        cases.add(route("GET /setup (already set up)", (w, b) -> call("GET", "/setup?token=whatever", null),
                409, 409, 409, 409, 409, 409));
        cases.add(route("POST /api/v1/setup/complete (already set up)", (w, b) -> call("POST",
                "/api/v1/setup/complete", Json.object("token", "t", "email", "x@example.test", "password", password)),
                409, 409, 409, 409, 409, 409));
        cases.add(route("GET / (to the first project)", (w, b) -> call("GET", "/", null),
                401, 303, 303, 303, 303, 303));
        // The caller's own account.
        cases.add(route("POST /api/v1/auth/logout", (w, b) -> call("POST", "/api/v1/auth/logout", null),
                401, 204, 204, 204, 204, 204));
        cases.add(route("GET /api/v1/auth/me", (w, b) -> call("GET", "/api/v1/auth/me", null),
                401, 200, 200, 200, 200, 200));
        cases.add(route("PATCH /api/v1/auth/me", (w, b) -> call("PATCH", "/api/v1/auth/me",
                Json.object("display_name", "Renamed " + w)), 401, 200, 200, 200, 200, 200));
        cases.add(route("POST /api/v1/auth/change-password", (w, b) -> call("POST", "/api/v1/auth/change-password",
                Json.object("current_password", password, "new_password", password)), 401, 200, 200, 200, 200, 200));
        cases.add(route("GET /api/v1/auth/sessions", (w, b) -> call("GET", "/api/v1/auth/sessions", null),
                401, 200, 200, 200, 200, 200));
        cases.add(route("POST /api/v1/auth/sessions/{id}/revoke", (w, b) -> call("POST",
                "/api/v1/auth/sessions/" + currentSessionId(b) + "/revoke", null), 401, 200, 200, 200, 200, 200));
        cases.add(route("GET /api/v1/health/system", (w, b) -> call("GET", "/api/v1/health/system", null),
                401, 200, 200, 200, 200, 200));
        // Users: owners only.
        cases.add(route("GET /api/v1/users", (w, b) -> call("GET", "/api/v1/users", null),
                401, 403, 403, 403, 200, 403));
        cases.add(route("POST /api/v1/users", (w, b) -> call("POST", "/api/v1/users", Json.object("email",
                "new" + world.next() + "@example.test", "display_name", "New", "password", password)),
                401, 403, 403, 403, 201, 403));
        cases.add(route("GET /api/v1/users/{id}", (w, b) -> call("GET", "/api/v1/users/" + throwawayUser(), null),
                401, 403, 403, 403, 200, 403));
        cases.add(route("PATCH /api/v1/users/{id}", (w, b) -> call("PATCH", "/api/v1/users/" + throwawayUser(),
                Json.object("display_name", "Renamed")), 401, 403, 403, 403, 200, 403));
        cases.add(route("POST /api/v1/users/{id}/password", (w, b) -> call("POST", "/api/v1/users/" + throwawayUser()
                + "/password", Json.object("new_password", "amber-glacier-compass-4")), 401, 403, 403, 403, 204, 403));
        cases.add(route("DELETE /api/v1/users/{id}", (w, b) -> call("DELETE", "/api/v1/users/" + throwawayUser(),
                null), 401, 403, 403, 403, 204, 403));
        // Projects.
        cases.add(route("GET /api/v1/projects", (w, b) -> call("GET", "/api/v1/projects", null),
                401, 200, 200, 200, 200, 200));
        cases.add(route("POST /api/v1/projects", (w, b) -> call("POST", "/api/v1/projects",
                Json.object("slug", "p" + world.next(), "name", "New project")), 401, 403, 403, 403, 201, 403));
        cases.add(route("GET /api/v1/projects/{slug}", (w, b) -> call("GET", "/api/v1/projects/ops", null),
                401, 200, 200, 200, 200, 404));
        cases.add(route("PATCH /api/v1/projects/{slug}", (w, b) -> call("PATCH", "/api/v1/projects/ops",
                Json.object("description", "changed by " + w)), 401, 403, 403, 403, 200, 404));
        cases.add(route("DELETE /api/v1/projects/{slug}", (w, b) -> {
            String slug = "ops";
            if (w == Who.OWNER) {
                slug = "gone" + world.next();
                world.createProject(slug);
            }
            return call("DELETE", "/api/v1/projects/" + slug, null);
        }, 401, 403, 403, 403, 204, 404));
        // Memberships: project admins and owners.
        cases.add(route("GET /api/v1/projects/{slug}/memberships", (w, b) -> call("GET",
                "/api/v1/projects/ops/memberships", null), 401, 403, 403, 200, 200, 404));
        cases.add(route("POST /api/v1/projects/{slug}/memberships", (w, b) -> {
            String email = "joiner" + world.next() + "@example.test";
            world.createUser(email, false);
            return call("POST", "/api/v1/projects/ops/memberships", Json.object("email", email, "role", "viewer"));
        }, 401, 403, 403, 201, 201, 404));
        cases.add(route("PATCH /api/v1/projects/{slug}/memberships/{id}", (w, b) -> call("PATCH",
                "/api/v1/projects/ops/memberships/" + throwawayMember(), Json.object("role", "operator")),
                401, 403, 403, 200, 200, 404));
        cases.add(route("DELETE /api/v1/projects/{slug}/memberships/{id}", (w, b) -> call("DELETE",
                "/api/v1/projects/ops/memberships/" + throwawayMember(), null), 401, 403, 403, 204, 204, 404));
        // The audit log.
        cases.add(route("GET /api/v1/projects/{slug}/audit", (w, b) -> call("GET", "/api/v1/projects/ops/audit", null),
                401, 403, 403, 200, 200, 404));
        cases.add(route("GET /api/v1/audit", (w, b) -> call("GET", "/api/v1/audit", null),
                401, 403, 403, 403, 200, 403));
        cases.add(route("POST /api/v1/audit/verify", (w, b) -> call("POST", "/api/v1/audit/verify", null),
                401, 403, 403, 403, 200, 403));
        cases.addAll(pages());
        return cases;
    }

    /**
     * The dashboard's pages and forms. A page without a session sends the browser to the sign-in page: that 303 to
     * {@code /login} is counted as 401 below; a form that did its work redirects (303) back to its page. The owners'
     * settings pages answer every non-owner 403, whether or not the project named exists.
     */
    static List<Case> pages() {
        List<Case> cases = new ArrayList<>();
        cases.add(route("GET /login", (w, b) -> call("GET", "/login", null), 200, 303, 303, 303, 303, 303));
        cases.add(route("GET /account", (w, b) -> call("GET", "/account", null), 401, 200, 200, 200, 200, 200));
        cases.add(route("POST /account/profile", (w, b) -> form("/account/profile", "display_name=Renamed"),
                401, 303, 303, 303, 303, 303));
        cases.add(route("POST /logout", (w, b) -> form("/logout", ""), 401, 303, 303, 303, 303, 303));
        cases.add(route("GET /projects/{slug}", (w, b) -> call("GET", "/projects/ops", null),
                401, 200, 200, 200, 200, 404));
        cases.add(route("GET /projects/{slug}/members", (w, b) -> call("GET", "/projects/ops/members", null),
                401, 403, 403, 200, 200, 404));
        cases.add(route("POST /projects/{slug}/members", (w, b) -> {
            String email = "joiner" + world.next() + "@example.test";
            world.createUser(email, false);
            return form("/projects/ops/members", "email=" + email + "&role=viewer");
        }, 401, 403, 403, 303, 303, 404));
        cases.add(route("POST /projects/{slug}/members/{id}/role", (w, b) -> form("/projects/ops/members/"
                + throwawayMember() + "/role", "role=operator"), 401, 403, 403, 303, 303, 404));
        cases.add(route("POST /projects/{slug}/members/{id}/remove", (w, b) -> form("/projects/ops/members/"
                + throwawayMember() + "/remove", ""), 401, 403, 403, 303, 303, 404));
        cases.add(route("GET /projects/{slug}/agents", (w, b) -> call("GET", "/projects/ops/agents", null),
                401, 200, 200, 200, 200, 404));
        cases.add(route("POST /projects/{slug}/agents", (w, b) -> form("/projects/ops/agents",
                "name=page-agent-" + world.next()), 401, 403, 403, 201, 201, 404));
        cases.add(route("GET /projects/{slug}/agents/{id}", (w, b) -> call("GET", "/projects/ops/agents/"
                + throwawayAgent(), null), 401, 200, 200, 200, 200, 404));
        for (String action : List.of("rotate", "revoke", "delete")) {
            int done = action.equals("rotate") ? 200 : 303;
            cases.add(route("POST /projects/{slug}/agents/{id}/" + action, (w, b) -> form("/projects/ops/agents/"
                    + throwawayAgent() + "/" + action, ""), 401, 403, 403, done, done, 404));
        }
        cases.add(route("GET /projects/{slug}/audit", (w, b) -> call("GET", "/projects/ops/audit", null),
                401, 403, 403, 200, 200, 404));
        cases.add(route("GET /settings/system", (w, b) -> call("GET", "/settings/system", null),
                401, 200, 200, 200, 200, 200));
        cases.add(route("GET /settings/audit", (w, b) -> call("GET", "/settings/audit", null),
                401, 403, 403, 403, 200, 403));
        cases.add(route("POST /settings/audit/verify", (w, b) -> form("/settings/audit/verify", ""),
                401, 403, 403, 403, 303, 403));
        cases.add(route("GET /settings/users", (w, b) -> call("GET", "/settings/users", null),
                401, 403, 403, 403, 200, 403));
        cases.add(route("POST /settings/users", (w, b) -> form("/settings/users", "email=new" + world.next()
                + "%40example.test&display_name=New&password=" + password()), 401, 403, 403, 403, 303, 403));
        cases.add(route("POST /settings/users/{id}/active", (w, b) -> form("/settings/users/" + throwawayUser()
                + "/active", "active=false"), 401, 403, 403, 403, 303, 403));
        cases.add(route("POST /settings/users/{id}/owner", (w, b) -> form("/settings/users/" + throwawayUser()
                + "/owner", "owner=true"), 401, 403, 403, 403, 303, 403));
        cases.add(route("POST /settings/users/{id}/delete", (w, b) -> form("/settings/users/" + throwawayUser()
                + "/delete", ""), 401, 403, 403, 403, 303, 403));
        cases.add(route("GET /settings/projects", (w, b) -> call("GET", "/settings/projects", null),
                401, 403, 403, 403, 200, 403));
        cases.add(route("POST /settings/projects", (w, b) -> form("/settings/projects", "slug=pp" + world.next()
                + "&name=Page+project"), 401, 403, 403, 403, 303, 403));
        cases.add(route("POST /settings/projects/{slug}", (w, b) -> form("/settings/projects/ops",
                "name=Ops&description=by+" + w), 401, 403, 403, 403, 303, 403));
        cases.add(route("POST /settings/projects/{slug}/archive", (w, b) -> {
            String slug = "ops";
            if (w == Who.OWNER) {
                slug = "gone" + world.next();
                world.createProject(slug);
            }
            return form("/settings/projects/" + slug + "/archive", "");
        }, 401, 403, 403, 403, 303, 403));
        return cases;
    }

    static String throwawayAgent() {
        HttpResponse<String> minted = world.owner.post("/api/v1/projects/ops/agents",
                Json.object("name", "agent-" + world.next()));
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        return Json.parse(minted.body()).get("agent").get("id").asText();
    }

    static String password() {
        return IdentityWorld.PASSWORD;
    }

    @TestFactory
    Stream<DynamicTest> every_route_answers_every_principal_as_the_policy_says() {
        return cases().stream().flatMap(c -> Stream.of(Who.values()).map(who -> DynamicTest.dynamicTest(
                c.route() + " as " + who, () -> {
                    Browser browser = who == Who.ANONYMOUS ? new Browser(world.port) : world.login(email(who));
                    Call call = c.call().apply(who, browser);
                    HttpResponse<String> response = browser.send(call.method(), call.path(), call.body(),
                            call.contentType());
                    String location = response.headers().firstValue("Location").orElse("");
                    boolean toSignIn = response.statusCode() == 303
                            && (location.equals("/login") || location.startsWith("/login?next="));
                    assertThat(toSignIn ? 401 : response.statusCode())
                            .as(c.route() + " as " + who + ": " + response.body()).isEqualTo(c.expected(who));
                    if (response.statusCode() >= 400 && call.path().startsWith("/api/")) {
                        JsonNode error = Json.parse(response.body());
                        assertThat(error.has("error") && error.has("message") && error.has("request_id")
                                && error.has("details")).as("error envelope: " + response.body()).isTrue();
                    }
                })));
    }

    @Test
    void a_member_with_too_low_a_role_is_told_what_it_has_and_needs() {
        HttpResponse<String> response = world.login(email(Who.OPERATOR)).get("/api/v1/projects/ops/memberships");
        JsonNode details = Json.parse(response.body()).get("details");
        assertThat(details.get("have").asText()).isEqualTo("operator");
        assertThat(details.get("need").asText()).isEqualTo("admin");
    }

    @Test
    void a_project_the_caller_is_not_in_is_indistinguishable_from_one_that_does_not_exist() {
        Browser outsider = world.login(email(Who.OUTSIDER));
        JsonNode existing = Json.parse(outsider.get("/api/v1/projects/ops/memberships").body());
        JsonNode missing = Json.parse(outsider.get("/api/v1/projects/no-such-project/memberships").body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) existing).remove("request_id");
        ((com.fasterxml.jackson.databind.node.ObjectNode) missing).remove("request_id");
        assertThat(existing.get("message").asText()).isEqualTo("project 'ops' not found");
        assertThat(missing.get("details")).isEqualTo(existing.get("details"));
        assertThat(missing.get("error")).isEqualTo(existing.get("error"));
        assertThat(Json.parse(outsider.get("/api/v1/projects").body()).findValuesAsText("slug"))
                .containsExactly("billing");
    }
}
