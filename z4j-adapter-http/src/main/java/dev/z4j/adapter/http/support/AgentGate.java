package dev.z4j.adapter.http.support;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SPEC §5 at the door: an agent token is honoured only on the routes that grant agents something, and on the agents'
 * own transport ({@code /ws/agent}, {@code /api/v1/agent/*}, which authenticate their frames themselves). Anywhere
 * else it is refused before the route runs (before body validation too), so a new route stays closed to agents
 * until it is listed here on purpose; the access policy still decides inside the granted routes.
 */
public final class AgentGate {

    private static final String TRANSPORT_PREFIX = "/api/v1/agent/";
    private static final String TRANSPORT_SOCKET = "/ws/agent";

    private final List<Pattern> granted;

    /** @param routes the granted routes as {@code "POST /api/v1/projects/{slug}/tasks/{id}/retry"} */
    public AgentGate(Collection<String> routes) {
        this.granted = routes.stream().map(AgentGate::pattern).toList();
    }

    public void check(Context ctx) {
        if (Callers.agentToken(ctx).isEmpty()) {
            return;
        }
        String path = ctx.path();
        if (path.startsWith(TRANSPORT_PREFIX) || path.equals(TRANSPORT_SOCKET)) {
            return;
        }
        String route = ctx.method().name() + " " + path;
        if (granted.stream().noneMatch(p -> p.matcher(route).matches())) {
            throw new ApiError(403, "forbidden", "an agent token may not call " + route + "; agent tokens reach only "
                    + "their own project's tasks, schedules and engine state", Map.of("reason", "agent_not_allowed"));
        }
    }

    private static Pattern pattern(String route) {
        StringBuilder regex = new StringBuilder();
        for (String part : route.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
