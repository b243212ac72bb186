package dev.z4j.adapter.http;

import dev.z4j.adapter.http.agents.AgentPages;
import dev.z4j.adapter.http.agents.AgentRoutes;
import dev.z4j.adapter.http.commands.CommandRoutes;
import dev.z4j.adapter.http.identity.AuthRoutes;
import dev.z4j.adapter.http.identity.AccountPages;
import dev.z4j.adapter.http.identity.LoginPages;
import dev.z4j.adapter.http.identity.UserPages;
import dev.z4j.adapter.http.identity.SetupRoutes;
import dev.z4j.adapter.http.identity.UserRoutes;
import dev.z4j.adapter.http.audit.AuditPages;
import dev.z4j.adapter.http.audit.AuditRoutes;
import dev.z4j.adapter.http.projects.MemberPages;
import dev.z4j.adapter.http.projects.ProjectPages;
import dev.z4j.adapter.http.projects.ProjectRoutes;
import dev.z4j.adapter.http.schedules.ScheduleRoutes;
import dev.z4j.adapter.http.support.AgentGate;
import dev.z4j.adapter.http.support.ApiError;
import dev.z4j.adapter.http.support.BrainPhase;
import dev.z4j.adapter.http.support.Callers;
import dev.z4j.adapter.http.support.ClientAddress;
import dev.z4j.adapter.http.support.ErrorHandling;
import dev.z4j.adapter.http.support.Frames;
import dev.z4j.adapter.http.support.HostValidation;
import dev.z4j.adapter.http.support.Pages;
import dev.z4j.adapter.http.support.RequestIds;
import dev.z4j.adapter.http.support.SecurityHeaders;
import dev.z4j.adapter.http.support.SessionCookies;
import dev.z4j.adapter.http.system.HealthRoutes;
import dev.z4j.adapter.http.system.MetricsRoutes;
import dev.z4j.adapter.http.system.RequestLatency;
import dev.z4j.adapter.http.system.SystemPage;
import dev.z4j.adapter.http.system.SystemRoutes;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.commands.Commands;
import dev.z4j.ports.schedules.Schedules;
import dev.z4j.ports.system.BrainMetrics;
import dev.z4j.ports.system.SystemHealth;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brain's HTTP surface on Javalin: request ids, Host validation, body limits, security headers, the error
 * envelope, and every route under {@code /api/v1}. The composition root creates one and lets it
 * {@link #configure} the shared Javalin instance (the WebSocket adapter configures the same instance).
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("z4j.access");

    /**
     * The routes an agent token may call (SPEC §5: its own project's tasks, schedules and engine state; the access
     * policy decides inside them), plus the health checks, which tell nothing.
     */
    static final List<String> AGENT_ROUTES = List.of("GET /api/v1/health", "GET /api/v1/health/ready",
            "GET /api/v1/projects/{slug}/commands", "GET /api/v1/projects/{slug}/commands/{id}",
            "POST /api/v1/projects/{slug}/commands/retry-task", "POST /api/v1/projects/{slug}/commands/cancel-task",
            "POST /api/v1/projects/{slug}/commands/bulk-retry",
            "GET /api/v1/projects/{slug}/schedules", "GET /api/v1/projects/{slug}/schedules/{id}",
            "POST /api/v1/projects/{slug}/schedules/{id}/enable", "POST /api/v1/projects/{slug}/schedules/{id}/disable",
            "POST /api/v1/projects/{slug}/schedules/{id}/trigger");

    private final HttpSettings settings;
    private final HostValidation hosts;
    private final ClientAddress clientAddress;
    private final SecurityHeaders securityHeaders;
    private final AgentGate agentGate = new AgentGate(AGENT_ROUTES);
    private final AtomicReference<BrainPhase> phase = new AtomicReference<>(BrainPhase.STARTING);
    private final HealthRoutes health;
    private final Pages pages = new Pages();
    private final RequestLatency latency = new RequestLatency();
    private final List<Consumer<JavalinConfig>> routes;

    public HttpApi(HttpSettings settings, SystemHealth systemHealth, AuditTrail audit, IdentityPorts identity,
                   AgentCredentials agents, BrainMetrics metrics, Commands commands, Schedules schedules) {
        this.settings = settings;
        this.hosts = new HostValidation(settings.allowedHosts());
        this.clientAddress = new ClientAddress(settings.trustedProxies());
        this.securityHeaders = new SecurityHeaders(settings.hstsMaxAgeSeconds());
        this.health = new HealthRoutes(systemHealth, phase::get);
        SessionCookies cookies = new SessionCookies(settings.production());
        Callers callers = new Callers(identity.authentication(), agents, cookies, this::clientIp);
        Frames frames = new Frames(callers, identity.projects(), identity.access(), audit);
        this.routes = List.of(
                new SystemRoutes(systemHealth, audit, identity.access(), callers)::register,
                new MetricsRoutes(metrics, latency, settings.metricsToken())::register,
                new AuditRoutes(audit, identity.access(), callers)::register,
                new AuthRoutes(identity.authentication(), identity.accounts(), callers, cookies)::register,
                new SetupRoutes(identity.firstBoot(), identity.accounts(), callers, cookies, pages)::register,
                new UserRoutes(identity.users(), callers)::register,
                new ProjectRoutes(identity.projects(), identity.memberships(), callers)::register,
                new LoginPages(identity.authentication(), identity.firstBoot(), callers, cookies, pages)::register,
                new AccountPages(identity.accounts(), callers, cookies, frames, pages)::register,
                new UserPages(identity.users(), identity.accounts(), identity.access(), callers, frames,
                        pages)::register,
                new ProjectPages(identity.projects(), identity.access(), agents, callers, frames, pages)::register,
                new MemberPages(identity.memberships(), identity.access(), callers, frames, pages)::register,
                new AuditPages(audit, identity.access(), identity.users(), identity.memberships(), callers, frames,
                        pages)::register,
                new SystemPage(systemHealth, audit, identity.access(), callers, frames, pages,
                        List.copyOf(settings.allowedHosts()), settings.publicUrl())::register,
                new AgentRoutes(agents, callers)::register,
                new CommandRoutes(commands, callers)::register,
                new ScheduleRoutes(schedules, callers)::register,
                new AgentPages(agents, identity.access(), callers, frames, pages, settings.publicUrl())::register,
                pages::registerAssets);
    }

    public void configure(JavalinConfig config) {
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.http.prefer405over404 = true;
        config.jsonMapper(Json.mapper());
        config.requestLogger.http((ctx, ms) -> {
            ACCESS.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
            var endpoint = ctx.endpoints().matchedHttpEndpoint();
            latency.record(ctx.method().name(), endpoint == null ? null : endpoint.path, ctx.statusCode(), ms / 1000);
            RequestIds.release();
        });
        config.routes.before(this::beforeEveryRequest);
        config.routes.after(securityHeaders::apply);
        ErrorHandling.install(config, pages);
        health.register(config);
        routes.forEach(r -> r.accept(config));
    }

    public void enterPhase(BrainPhase next) {
        phase.set(next);
    }

    /** The client IP for this request, honouring trusted proxies. */
    public String clientIp(Context ctx) {
        return clientIp(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /** The client IP from a socket peer and an {@code X-Forwarded-For} header, honouring trusted proxies. */
    public String clientIp(String peer, String forwardedFor) {
        return clientAddress.resolve(peer, forwardedFor);
    }

    private void beforeEveryRequest(Context ctx) {
        RequestIds.assign(ctx);
        String host = ctx.header("Host");
        if (!hosts.accepts(host)) {
            LOG.info("rejected Host header '{}' from {}: not in the allowed hosts; run `z4j allowed-hosts add <name>`"
                    + " and restart, or set Z4J_ALLOWED_HOSTS", printable(host), clientIp(ctx));
            throw new ApiError(400, "invalid_host", "Bad Request: invalid Host header.");
        }
        agentGate.check(ctx);
        long length = ctx.contentLength();
        if (length > settings.maxBodyBytes() && !settings.ownBodyLimits().contains(ctx.path())) {
            throw new ApiError(413, "payload_too_large", "the request body exceeds the configured maximum",
                    Map.of("max_bytes", settings.maxBodyBytes()));
        }
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 200 ? value.substring(0, 200) : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
