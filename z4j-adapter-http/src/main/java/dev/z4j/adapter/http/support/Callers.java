package dev.z4j.adapter.http.support;

import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.identity.Authenticated;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who is calling: the session cookie resolved once per request through the {@link Authentication} in-port. Routes
 * that need a principal ask {@link #authenticated}: no live session is 401; an unsafe method (anything but GET, HEAD,
 * OPTIONS) must also carry the session's CSRF token in {@code X-CSRF-Token} (double submit: the browser copies it from
 * the {@code z4j_csrf} cookie; the server compares it with the session's, in constant time), else 403. A form posted
 * by a dashboard page without JavaScript carries the same token in its hidden {@code _csrf} field.
 */
public final class Callers {

    private static final String ATTRIBUTE = "z4j.authenticated";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    /** Agent tokens say what they are, so a bearer of another kind never reaches the agent lookup. */
    private static final String AGENT_BEARER = "bearer z4j_agent_";

    private final Authentication authentication;
    private final AgentCredentials agents;
    private final SessionCookies cookies;
    private final Function<Context, String> clientIp;

    public Callers(Authentication authentication, AgentCredentials agents, SessionCookies cookies,
                   Function<Context, String> clientIp) {
        this.authentication = authentication;
        this.agents = agents;
        this.cookies = cookies;
        this.clientIp = clientIp;
    }

    /** The caller without looking at credentials: for sign-in and setup, which authenticate by what they are sent. */
    public Caller anonymous(Context ctx) {
        return Caller.of(new Principal.Anonymous(), clientIp.apply(ctx), ctx.userAgent());
    }

    /** The live session of this request, if any (resolved once, and its idle timer refreshed). */
    @SuppressWarnings("unchecked")
    public Optional<Authenticated> session(Context ctx) {
        Object cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return (Optional<Authenticated>) cached;
        }
        Optional<Authenticated> resolved = cookies.sessionToken(ctx).flatMap(authentication::authenticate);
        ctx.attribute(ATTRIBUTE, resolved);
        return resolved;
    }

    /**
     * The signed-in caller.
     *
     * @throws ApiError 401 without a live session; 403 {@code csrf_failed} for an unsafe method without the right token
     */
    public Caller authenticated(Context ctx) {
        Optional<String> agentToken = agentToken(ctx);
        if (agentToken.isPresent()) {
            return agent(ctx, agentToken.get());
        }
        Authenticated session = session(ctx)
                .orElseThrow(() -> ApiError.unauthenticated("authentication required"));
        if (!SAFE.contains(ctx.method())) {
            String sent = ctx.header(SessionCookies.CSRF_HEADER);
            if ((sent == null || sent.isEmpty()) && isForm(ctx)) {
                sent = ctx.formParam(Pages.CSRF_FIELD);
            }
            if (sent == null || sent.isEmpty()) {
                throw csrf("csrf_missing");
            }
            if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    session.session().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw csrf("csrf_mismatch");
            }
        }
        return Caller.of(session.principal(), clientIp.apply(ctx), ctx.userAgent());
    }

    /** The agent token this request carries as its bearer, if it carries one. */
    static Optional<String> agentToken(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.strip().toLowerCase(java.util.Locale.ROOT).startsWith(AGENT_BEARER)) {
            return Optional.empty();
        }
        return Optional.of(authorization.strip().substring("bearer".length()).strip());
    }

    /**
     * An agent token: the principal is the agent, bound to its project, so the policy grants only SPEC §5's agent
     * actions there and everything it does is audited as actor {@code agent}. No cookie, so no CSRF check.
     */
    private Caller agent(Context ctx, String token) {
        AgentPrincipal agent = agents.authenticate(token)
                .orElseThrow(() -> ApiError.unauthenticated("invalid agent token"));
        return Caller.of(new Principal.Agent(agent.agentId(), agent.projectId()), clientIp.apply(ctx), ctx.userAgent());
    }

    /** A form posted by a page without JavaScript carries the token in a hidden field instead of the header. */
    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("multipart/form-data"));
    }

    private static ApiError csrf(String reason) {
        return new ApiError(403, "csrf_failed", "send the value of the " + SessionCookies.CSRF + " cookie in the "
                + SessionCookies.CSRF_HEADER + " header", Map.of("reason", reason));
    }
}
