package dev.z4j.adapter.http.agents;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.adapter.http.support.Frame;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.identity.Action;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.ProjectAccess.Grant;
import dev.z4j.ports.support.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /projects/{slug}/agents}: the project's agents with their state and version, and for project admins the
 * seed's leaked-token playbook: mint (the token and frame secret shown exactly once, with copy buttons and the agent's
 * configuration), open the agent, revoke it (with confirmation), mint a replacement on the same agent row (rotate),
 * delete. All through the {@link AgentCredentials} in-port behind {@code /api/v1/projects/{slug}/agents}.
 *
 * <p>A fresh credential exists only in the response that minted it ({@code no-store}): with JavaScript the mint and
 * rotate forms are htmx posts whose answer is swapped into the page, so the address stays the list's and a reload
 * shows nothing secret; without it the post's own answer shows it, and re-posting it mints nothing new (the name is
 * taken; a rotation shows the credential of that new rotation only once as well).
 */
public final class AgentPages {

    private static final Map<String, String> NOTICES = Map.of(
            "revoked", "Credential revoked: the agent's connections are closed and its token no longer works.",
            "deleted", "Agent deleted.");

    private final AgentCredentials agents;
    private final ProjectAccess access;
    private final Callers callers;
    private final Frames frames;
    private final Pages pages;
    private final String publicUrl;

    public AgentPages(AgentCredentials agents, ProjectAccess access, Callers callers, Frames frames, Pages pages,
                      String publicUrl) {
        this.agents = agents;
        this.access = access;
        this.callers = callers;
        this.frames = frames;
        this.pages = pages;
        this.publicUrl = publicUrl;
    }

    /** What the mint and rotate answers show once: the credential and the agent's configuration. */
    public record Minted(String agentName, String agentId, String projectId, boolean replacement, String token,
                         String hmacSecret, String configuration) {
    }

    public void register(JavalinConfig config) {
        config.routes.get("/projects/{slug}/agents", ctx -> list(ctx, callers.authenticated(ctx), 200, null,
                Optional.empty()));
        config.routes.post("/projects/{slug}/agents", this::mint);
        config.routes.get("/projects/{slug}/agents/{id}", ctx -> detail(ctx, callers.authenticated(ctx), 200, null,
                Optional.empty()));
        config.routes.post("/projects/{slug}/agents/{id}/rotate", this::rotate);
        config.routes.post("/projects/{slug}/agents/{id}/revoke", this::revoke);
        config.routes.post("/projects/{slug}/agents/{id}/delete", this::delete);
    }

    private void list(Context ctx, Caller caller, int status, String error, Optional<Minted> minted) {
        String slug = ctx.pathParam("slug");
        Grant grant = access.authorize(caller, slug, Action.AGENTS_VIEW);
        List<AgentView> listed = agents.list(caller, slug);
        Map<String, Object> page = new HashMap<>();
        page.put("frame", frames.frame(ctx, caller, "Agents · " + grant.project().name(), grant)
                .withNotice(Pages.notice(ctx, NOTICES)).withError(error));
        page.put("slug", grant.project().slug().value());
        page.put("agents", listed);
        page.put("canManage", grant.permits(Action.AGENTS_MANAGE));
        page.put("minted", minted);
        pages.render(ctx, status, "agents/list.jte", page);
    }

    private void detail(Context ctx, Caller caller, int status, String error, Optional<Minted> minted) {
        String slug = ctx.pathParam("slug");
        Grant grant = access.authorize(caller, slug, Action.AGENTS_VIEW);
        UUID id = agentId(ctx);
        AgentView agent = agents.list(caller, slug).stream().filter(a -> a.agent().id().equals(id)).findFirst()
                .orElseThrow(() -> Refusal.notFound("agent_not_found", "agent not found"));
        Map<String, Object> page = new HashMap<>();
        Frame frame = frames.frame(ctx, caller, agent.agent().name() + " · Agents", grant);
        page.put("frame", frame.withNotice(Pages.notice(ctx, NOTICES)).withError(error));
        page.put("slug", grant.project().slug().value());
        page.put("view", agent);
        page.put("canManage", grant.permits(Action.AGENTS_MANAGE));
        page.put("minted", minted);
        pages.render(ctx, status, "agents/detail.jte", page);
    }

    private void mint(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        MintedCredential minted;
        try {
            minted = agents.mint(caller, slug, ctx.formParam("name"));
        } catch (Refusal refusal) {
            if (Pages.fromHtmx(ctx)) {
                throw refusal;
            }
            list(ctx, caller, ErrorHandling.statusOf(refusal.kind()), refusal.getMessage(), Optional.empty());
            return;
        }
        show(ctx, caller, minted, false, () -> list(ctx, caller, 201, null, Optional.of(minted(minted, false))));
    }

    private void rotate(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        MintedCredential minted = agents.rotate(caller, ctx.pathParam("slug"), agentId(ctx));
        show(ctx, caller, minted, true, () -> detail(ctx, caller, 200, null, Optional.of(minted(minted, true))));
    }

    /** htmx gets the dialog alone (swapped into the page); a plain form post gets the whole page with it. */
    private void show(Context ctx, Caller caller, MintedCredential credential, boolean replacement, Runnable page) {
        if (Pages.fromHtmx(ctx)) {
            pages.render(ctx, 200, "agents/minted.jte", Map.of("minted", minted(credential, replacement),
                    "slug", ctx.pathParam("slug")));
            ctx.header("HX-Trigger", "agents-changed");
        } else {
            page.run();
        }
    }

    private void revoke(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        UUID id = agentId(ctx);
        Pages.submit(ctx, () -> agents.revoke(caller, slug, id), "/projects/" + slug + "/agents/" + id, "revoked",
                (status, error) -> detail(ctx, caller, status, error, Optional.empty()));
    }

    private void delete(Context ctx) {
        Caller caller = callers.authenticated(ctx);
        String slug = ctx.pathParam("slug");
        UUID id = agentId(ctx);
        Pages.submit(ctx, () -> agents.delete(caller, slug, id), "/projects/" + slug + "/agents", "deleted",
                (status, error) -> detail(ctx, caller, status, error, Optional.empty()));
    }

    private Minted minted(MintedCredential credential, boolean replacement) {
        String configuration = "# z4j agent \"" + credential.agent().name() + "\": shown once, keep it secret\n"
                + "Z4J_BRAIN_URL=" + publicUrl + "\n"
                + "Z4J_TOKEN=" + credential.token() + "\n"
                + "Z4J_HMAC_SECRET=" + credential.hmacSecret() + "\n"
                + "# only with Z4J_TRANSPORT=longpoll (it has no hello to learn them from):\n"
                + "# Z4J_AGENT_ID=" + credential.agent().id() + "\n"
                + "# Z4J_PROJECT_ID=" + credential.agent().projectId() + "\n";
        return new Minted(credential.agent().name(), credential.agent().id().toString(),
                credential.agent().projectId().toString(), replacement, credential.token(), credential.hmacSecret(),
                configuration);
    }

    private static UUID agentId(Context ctx) {
        return PathParams.uuid(ctx, "id", "agent_not_found", "agent not found");
    }
}
