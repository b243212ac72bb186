package dev.z4j.adapter.http.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.z4j.adapter.http.support.ApiError;
import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.PathParams;
import dev.z4j.adapter.http.support.QueryParams;
import dev.z4j.ports.commands.CommandPage;
import dev.z4j.ports.commands.CommandView;
import dev.z4j.ports.commands.Commands;
import dev.z4j.ports.commands.IssuedCommand;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/projects/{slug}/commands}: upstream's issue routes ({@code POST .../retry-task} and the others,
 * session + CSRF token, 202 with the command; 200 with the earlier command when the idempotency key was used
 * before), the list ({@code ?status=&cursor=&limit=}) and the detail. No connected agent that could run it: 503
 * {@code agent_offline}, nothing stored.
 */
public final class CommandRoutes {

    private static final String COMMANDS = "/api/v1/projects/{slug}/commands";
    private static final List<String> ROUTES = List.of("retry-task", "cancel-task", "bulk-retry", "purge-queue",
            "restart-worker", "pool-resize", "add-consumer", "cancel-consumer", "rate-limit");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final int DEFAULT_LIMIT = 50;

    private final Commands commands;
    private final Callers callers;

    public CommandRoutes(Commands commands, Callers callers) {
        this.commands = commands;
        this.callers = callers;
    }

    public void register(JavalinConfig config) {
        config.routes.get(COMMANDS, this::list);
        config.routes.get(COMMANDS + "/{id}", this::detail);
        for (String route : ROUTES) {
            config.routes.post(COMMANDS + "/" + route, ctx -> issue(ctx, route));
        }
    }

    private void issue(Context ctx, String route) {
        IssuedCommand issued = commands.issue(callers.authenticated(ctx), ctx.pathParam("slug"), route, body(ctx));
        ctx.status(issued.created() ? 202 : 200).json(json(issued.command()));
    }

    private void list(Context ctx) {
        int limit = QueryParams.limit(ctx, DEFAULT_LIMIT);
        CommandPage page = commands.list(callers.authenticated(ctx), ctx.pathParam("slug"),
                QueryParams.text(ctx, "status"),
                QueryParams.text(ctx, "cursor"), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(CommandRoutes::json).toList());
        body.put("next_cursor", page.nextCursor().orElse(null));
        ctx.json(body);
    }

    private void detail(Context ctx) {
        UUID id = PathParams.uuid(ctx, "id", "command_not_found", "command not found");
        ctx.json(json(commands.get(callers.authenticated(ctx), ctx.pathParam("slug"), id)));
    }

    private static Map<String, Object> body(Context ctx) {
        String text = ctx.body();
        try {
            Map<String, Object> body = MAPPER.readValue(text.isBlank() ? "{}" : text, OBJECT);
            if (body == null) {
                throw ApiError.validation("the request body must be a JSON object", Map.of());
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiError.validation("the request body must be a JSON object", Map.of());
        }
    }

    /** Upstream's CommandPublic, plus who issued it and the idempotency key. */
    static Map<String, Object> json(CommandView c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id().toString());
        json.put("project_id", c.projectId().toString());
        json.put("agent_id", c.agentId().map(UUID::toString).orElse(null));
        json.put("issued_by", c.issuedBy().map(UUID::toString).orElse(null));
        json.put("issuer_type", c.issuerType());
        json.put("action", c.action());
        json.put("target_type", c.targetType());
        json.put("target_id", c.targetId().orElse(null));
        json.put("payload", c.payload());
        json.put("idempotency_key", c.idempotencyKey().orElse(null));
        json.put("status", c.status());
        json.put("result", c.result().orElse(null));
        json.put("error", c.error().orElse(null));
        json.put("issued_at", c.issuedAt());
        json.put("dispatched_at", c.dispatchedAt().orElse(null));
        json.put("completed_at", c.completedAt().orElse(null));
        json.put("timeout_at", c.timeoutAt());
        return json;
    }
}
