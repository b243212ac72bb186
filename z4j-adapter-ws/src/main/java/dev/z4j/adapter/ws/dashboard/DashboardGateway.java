package dev.z4j.adapter.ws.dashboard;

import dev.z4j.ports.identity.Authenticated;
import dev.z4j.ports.identity.Authentication;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.projects.ProjectAccess;
import dev.z4j.ports.projects.Projects;
import dev.z4j.ports.system.ChangeFeed;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/dashboard}: live updates for signed-in users. The upgrade reads the session cookie and the
 * {@code Origin}; after it, a socket without a live session is closed with 4401, a page of a foreign origin with 4403
 * (cross-site WebSocket hijacking), a user's 51st socket with 4402, a socket that subscribes to nothing within 10 s with
 * 4400. Everything after is a {@link DashboardSocket}. Pushes name a topic and a project, never data: the page re-reads
 * through the REST API, which authorizes as always.
 */
public final class DashboardGateway implements AutoCloseable {

    public static final String PATH = "/ws/dashboard";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardGateway.class);
    private static final String SESSION = "z4j.dashboard.session";
    private static final String SESSION_TOKEN = "z4j.dashboard.session-token";
    private static final String ORIGIN_OK = "z4j.dashboard.origin-ok";
    private static final String CLIENT_IP = "z4j.dashboard.client-ip";
    private static final String SOCKET = "z4j.dashboard.socket";

    private final DashboardSettings settings;
    private final Authentication authentication;
    private final ProjectAccess access;
    private final Projects projects;
    private final ChangeFeed feed;
    private final BiFunction<String, String, String> clientIp;
    private final ScheduledExecutorService scheduler;
    private final Set<DashboardSocket> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<UUID, AtomicInteger> socketsPerUser = new ConcurrentHashMap<>();

    public DashboardGateway(DashboardSettings settings, Authentication authentication, ProjectAccess access,
                            Projects projects, ChangeFeed feed, BiFunction<String, String, String> clientIp) {
        this.settings = settings;
        this.authentication = authentication;
        this.access = access;
        this.projects = projects;
        this.feed = feed;
        this.clientIp = clientIp;
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "z4j-dashboard-push-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long ping = settings.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(() -> open.forEach(DashboardSocket::ping), ping, ping, TimeUnit.MILLISECONDS);
    }

    public void configure(JavalinConfig config) {
        config.routes.wsBeforeUpgrade(PATH, this::beforeUpgrade);
        config.routes.ws(PATH, this::handlers);
    }

    private void beforeUpgrade(Context ctx) {
        ctx.attribute(CLIENT_IP, clientIp.apply(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")));
        boolean originOk = settings.acceptsOrigin(ctx.header("Origin"));
        ctx.attribute(ORIGIN_OK, originOk);
        if (!originOk) {
            return;
        }
        Optional<String> token = Optional.ofNullable(ctx.cookie(settings.sessionCookie())).filter(t -> !t.isEmpty());
        token.flatMap(authentication::authenticate).ifPresent(session -> {
            ctx.attribute(SESSION, session);
            ctx.attribute(SESSION_TOKEN, token.get());
        });
    }

    private void handlers(WsConfig ws) {
        ws.onConnect(ctx -> {
            if (!Boolean.TRUE.equals(ctx.attribute(ORIGIN_OK))) {
                LOG.info("refused a dashboard socket from {}: Origin not in the allowed hosts or the public URL",
                        (String) ctx.attribute(CLIENT_IP));
                ctx.closeSession(CloseCodes.FORBIDDEN, "origin not allowed");
                return;
            }
            Authenticated session = ctx.attribute(SESSION);
            if (session == null) {
                ctx.closeSession(CloseCodes.UNAUTHENTICATED, "sign in first");
                return;
            }
            UUID user = session.principal().userId();
            AtomicInteger count = socketsPerUser.computeIfAbsent(user, id -> new AtomicInteger());
            if (count.incrementAndGet() > settings.maxSocketsPerUser()) {
                release(user);
                ctx.closeSession(CloseCodes.TOO_MANY, "at most " + settings.maxSocketsPerUser() + " live sockets per user");
                return;
            }
            Session jetty = ctx.session;
            jetty.setMaxTextMessageSize(settings.maxMessageBytes() * 2L);
            jetty.setMaxBinaryMessageSize(settings.maxMessageBytes());
            jetty.setMaxOutgoingFrames(settings.maxQueuedFrames());
            jetty.setIdleTimeout(settings.pingInterval().multipliedBy(3));
            Caller caller = Caller.of(session.principal(), ctx.attribute(CLIENT_IP), ctx.header("User-Agent"));
            String token = ctx.attribute(SESSION_TOKEN);
            DashboardSocket socket = new DashboardSocket(new JettyTransport(jetty),
                    () -> authentication.authenticate(token).isPresent(), caller, access, this::slugOf, feed, settings,
                    scheduler);
            ctx.attribute(SOCKET, new Held(socket, user));
            open.add(socket);
        });
        ws.onMessage(ctx -> held(ctx).ifPresent(h -> h.socket().receive(ctx.message())));
        ws.onBinaryMessage(ctx -> held(ctx).ifPresent(h -> h.socket().close(CloseCodes.BAD_REQUEST,
                "send text frames")));
        ws.onClose(ctx -> held(ctx).ifPresent(h -> {
            h.socket().closed();
            if (open.remove(h.socket())) {
                release(h.user());
            }
        }));
        ws.onError(ctx -> held(ctx).ifPresent(h -> LOG.debug("dashboard socket error", ctx.error())));
    }

    private Optional<String> slugOf(Caller caller, UUID projectId) {
        return projects.list(caller).stream().filter(p -> p.project().id().equals(projectId))
                .map(p -> p.project().slug().value()).findFirst();
    }

    private record Held(DashboardSocket socket, UUID user) {
    }

    private static Optional<Held> held(WsContext ctx) {
        return Optional.ofNullable(ctx.attribute(SOCKET));
    }

    private void release(UUID user) {
        socketsPerUser.computeIfPresent(user, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Sockets open now. */
    public int openSockets() {
        return open.size();
    }

    /** Closes every socket with 1001 (the pages reconnect to whichever brain comes up) and stops pushing. */
    @Override
    public void close() {
        open.forEach(socket -> socket.close(CloseCodes.GOING_AWAY, "brain shutting down"));
        scheduler.shutdownNow();
    }

    private record JettyTransport(Session session) implements DashboardSocket.Transport {
        @Override
        public void send(String text, Runnable onFailure) {
            session.sendText(text, Callback.from(() -> { }, failure -> onFailure.run()));
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
