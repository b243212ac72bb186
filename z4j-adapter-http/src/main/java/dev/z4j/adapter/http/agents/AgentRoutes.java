package dev.z4j.adapter.http.agents;

import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.JsonBody;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.ports.agents.Agent;
import dev.z4j.ports.agents.AgentStatus;
import dev.z4j.ports.agents.AgentView;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.MintedCredential;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /api/v1/projects/{slug}/agents}: list (project members), mint, rotate ("mint a replacement"), revoke and
 * delete (project admins and owners, with the CSRF token). A fresh credential is in the response body exactly once
 * and never cached.
 */
public final class AgentRoutes {

    private static final String AGENTS = "/api/v1/projects/{slug}/agents";

    private final AgentCredentials agents;
    private final Callers callers;

    public AgentRoutes(AgentCredentials agents, Callers callers) {
        this.agents = agents;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get(AGENTS, this::list);
        config.routes.post(AGENTS, this::mint);
        config.routes.post(AGENTS + "/{id}/rotate", this::rotate);
        config.routes.post(AGENTS + "/{id}/revoke", this::revoke);
        config.routes.delete(AGENTS + "/{id}", this::delete);
    }

    private void list(Context ctx) {
        ctx.json(agents.list(callers.authenticated(ctx), ctx.pathParam("slug")).stream()
                .map(AgentRoutes::agent).toList());
    }

    private void mint(Context ctx) {
        MintedCredential minted = agents.mint(callers.authenticated(ctx), ctx.pathParam("slug"),
                JsonBody.of(ctx).text("name"));
        credential(ctx.status(201), minted);
    }

    private void rotate(Context ctx) {
        credential(ctx, agents.rotate(callers.authenticated(ctx), ctx.pathParam("slug"), agentId(ctx)));
    }

    private void revoke(Context ctx) {
        agents.revoke(callers.authenticated(ctx), ctx.pathParam("slug"), agentId(ctx));
        ctx.status(204);
    }

    private void delete(Context ctx) {
        agents.delete(callers.authenticated(ctx), ctx.pathParam("slug"), agentId(ctx));
        ctx.status(204);
    }

    private static UUID agentId(Context ctx) {
        return PathParams.uuid(ctx, "id", "agent_not_found", "agent not found");
    }

    /** {@code {agent, token, hmac_secret}}, as upstream's mint answer; the only time either secret is shown. */
    private static void credential(Context ctx, MintedCredential minted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", identity(minted.agent(), Optional.of(minted.issuedAt()), AgentStatus.neverConnected()));
        body.put("token", minted.token());
        body.put("hmac_secret", minted.hmacSecret());
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private static Map<String, Object> agent(AgentView view) {
        return identity(view.agent(), view.credentialIssuedAt(), view.status());
    }

    /** Upstream's AgentPublic fields this brain has, plus the credential's state. */
    private static Map<String, Object> identity(Agent agent, Optional<Instant> credentialIssuedAt, AgentStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", agent.id().toString());
        json.put("project_id", agent.projectId().toString());
        json.put("name", agent.name());
        json.put("state", status.state().wire());
        json.put("protocol_version", status.protocolVersion());
        json.put("agent_version", status.agentVersion().orElse(null));
        json.put("framework_adapter", status.framework());
        json.put("engine_adapters", status.engines());
        json.put("scheduler_adapters", status.schedulers());
        json.put("capabilities", status.capabilities());
        json.put("host_name", status.hostName().orElse(null));
        json.put("last_seen_at", status.lastSeenAt().orElse(null));
        json.put("last_connect_at", status.lastConnectAt().orElse(null));
        json.put("created_at", agent.createdAt());
        json.put("credential_generation", agent.credentialGeneration());
        json.put("credential_issued_at", credentialIssuedAt.orElse(null));
        json.put("revoked", credentialIssuedAt.isEmpty());
        return json;
    }
}
