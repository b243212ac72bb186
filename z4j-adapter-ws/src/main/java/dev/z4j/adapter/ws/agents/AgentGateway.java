package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.FrameSigner;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.commands.CommandFeedback;
import dev.z4j.ports.commands.CommandPickup;
import dev.z4j.ports.ingest.EventIngestion;
import dev.z4j.ports.schedules.ScheduleReports;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/agent}: the agent side of protocol v2 on Javalin.
 *
 * <p>The bearer token is checked before the upgrade, so an unknown or revoked token gets HTTP 401 (the agent then
 * backs off for long) instead of an accepted socket closed with 4401. An IP over its connect budget is upgraded
 * and closed with 4429, as upstream does. Everything after the upgrade is an {@link AgentConnection}.
 */
public final class AgentGateway implements AutoCloseable {

    public static final String PATH = "/ws/agent";
    /** The long-poll POST, whose body limit is the gateway's own ({@link GatewaySettings#maxLongPollBodyBytes}). */
    public static final String LONG_POLL_EVENTS = LongPollRoutes.EVENTS;
    private static final Logger LOG = LoggerFactory.getLogger(AgentGateway.class);
    private static final String PRINCIPAL = "z4j.agent.principal";
    private static final String CLIENT_IP = "z4j.agent.client-ip";
    private static final String RATE_LIMITED = "z4j.agent.rate-limited";
    private static final String CONNECTION = "z4j.agent.connection";
    /** Jetty's own idle timeout only backs ours up (pings keep it quiet); it must never fire first. */
    private static final Duration JETTY_IDLE_MARGIN = Duration.ofSeconds(30);
    /**
     * Jetty answers a message over its own limit with 1009 before any handler runs, so its limit sits well above the
     * protocol's: messages up to this multiple of maxFrameBytes reach {@link AgentConnection}, which closes with the
     * reference's 4400; only larger ones get Jetty's 1009, without being buffered beyond that.
     */
    private static final int JETTY_MESSAGE_LIMIT_FACTOR = 16;
    private static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    private final GatewaySettings settings;
    private final AgentCredentials credentials;
    private final AgentConnections registry;
    private final BiFunction<String, String, String> clientIp;
    private final ConnectRateLimiter limiter;
    private final GatewayContext context;
    private final ExecutorService dispatcher;
    private final ScheduledExecutorService sweeper;
    private final ScheduledExecutorService presenceTimer;
    private final ScheduledExecutorService longPollTimer;
    private final Set<AgentConnection> open = ConcurrentHashMap.newKeySet();
    private final LongPollRoutes longPoll;

    /**
     * @param clientIp the client address of a request from its socket peer and {@code X-Forwarded-For} header
     *                 (the HTTP adapter's trusted-proxy rule, passed in by the app)
     */
    public AgentGateway(GatewaySettings settings, AgentCredentials credentials, AgentPresence presence,
                        EventIngestion ingestion, CommandFeedback commands, CommandPickup pickup,
                        ScheduleReports schedules, AgentConnections registry, BiFunction<String, String, String> clientIp, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.registry = registry;
        this.clientIp = clientIp;
        this.limiter = new ConnectRateLimiter(settings.connectsPerMinute());
        this.dispatcher = Executors.newFixedThreadPool(settings.dispatchThreads(), daemonThreads("z4j-agent-dispatch"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(daemonThreads("z4j-agent-sweeper"));
        this.presenceTimer = Executors.newSingleThreadScheduledExecutor(daemonThreads("z4j-agent-presence"));
        this.longPollTimer = Executors.newScheduledThreadPool(2, daemonThreads("z4j-agent-longpoll"));
        FrameRouter router = new FrameRouter(credentials, presence, ingestion, commands, schedules,
                settings.maxBatchEvents(), clock);
        Supplier<String> nonces = FrameSigner.randomNonces(new SecureRandom());
        this.context = new GatewayContext(settings, registry, router, dispatcher, sweeper, clock, nonces);
        this.longPoll = new LongPollRoutes(settings, credentials, presence, pickup, router, limiter, clientIp,
                longPollTimer, new LongPollSessions(clock, nonces), registry);
        long sweepMillis = Math.max(10, Math.min(1000,
                Math.min(settings.helloTimeout().toMillis(), settings.idleTimeout().toMillis()) / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        // Not Javalin's automatic pings: they run on a static non-daemon thread that keeps the JVM alive after stop.
        long pingMillis = settings.pingInterval().toMillis();
        sweeper.scheduleAtFixedRate(() -> open.forEach(AgentConnection::ping), pingMillis, pingMillis,
                TimeUnit.MILLISECONDS);
        long presenceMillis = settings.presenceSweep().toMillis();
        presenceTimer.scheduleWithFixedDelay(() -> {
            try {
                presence.sweep();
            } catch (RuntimeException e) {
                LOG.error("agent presence sweep failed; heartbeats are kept for the next one", e);
            }
        }, presenceMillis, presenceMillis, TimeUnit.MILLISECONDS);
    }

    public void configure(JavalinConfig config) {
        // Deflate keeps zlib state per connection (hundreds of KiB of native memory with context takeover), which
        // would cap the brain at a few thousand agents; agents fall back to uncompressed frames when not offered it.
        config.jetty.modifyWebSocketServletFactory(factory ->
                factory.getAvailableExtensionNames().remove(PERMESSAGE_DEFLATE));
        config.routes.wsBeforeUpgrade(PATH, this::beforeUpgrade);
        longPoll.register(config);
        config.routes.ws(PATH, this::handlers);
    }

    private void beforeUpgrade(Context ctx) {
        String ip = clientIp.apply(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
        ctx.attribute(CLIENT_IP, ip);
        if (!limiter.tryAcquire(ip, System.nanoTime())) {
            ctx.attribute(RATE_LIMITED, Boolean.TRUE);
            return;
        }
        Optional<AgentPrincipal> principal = BearerToken.from(ctx.header("Authorization"))
                .flatMap(credentials::authenticate);
        if (principal.isEmpty()) {
            LOG.info("refused an agent upgrade from {}: missing, unknown or revoked bearer token", ip);
            throw new UnauthorizedResponse("invalid agent token");
        }
        ctx.attribute(PRINCIPAL, principal.get());
    }

    private void handlers(WsConfig ws) {
        ws.onConnect(ctx -> {
            if (ctx.attribute(RATE_LIMITED) != null) {
                ctx.closeSession(CloseCode.RATE_LIMITED.code(), "agent connect rate limit exceeded");
                return;
            }
            AgentPrincipal principal = ctx.attribute(PRINCIPAL);
            if (principal == null) {
                ctx.closeSession(CloseCode.UNAUTHORIZED.code(), "invalid agent token");
                return;
            }
            Session session = ctx.session;
            long jettyLimit = (long) settings.maxFrameBytes() * JETTY_MESSAGE_LIMIT_FACTOR;
            session.setMaxBinaryMessageSize(jettyLimit);
            session.setMaxTextMessageSize(jettyLimit);
            session.setMaxOutgoingFrames(settings.maxOutgoingFrames());
            session.setIdleTimeout(settings.idleTimeout().plus(JETTY_IDLE_MARGIN));
            AgentConnection connection = new AgentConnection(new JettySocket(session), principal,
                    ctx.attribute(CLIENT_IP), context);
            ctx.attribute(CONNECTION, connection);
            open.add(connection);
        });
        ws.onBinaryMessage(ctx -> connectionOf(ctx).ifPresent(c -> c.receive(copy(ctx.data()))));
        ws.onMessage(ctx -> connectionOf(ctx).ifPresent(c -> c.receive(ctx.message().getBytes(StandardCharsets.UTF_8))));
        ws.onClose(ctx -> connectionOf(ctx).ifPresent(c -> {
            c.closed(ctx.status());
            open.remove(c);
        }));
        ws.onError(ctx -> connectionOf(ctx).ifPresent(c ->
                LOG.debug("agent {} session error", c.agentId(), ctx.error())));
    }

    private static Optional<AgentConnection> connectionOf(WsContext ctx) {
        return Optional.ofNullable(ctx.attribute(CONNECTION));
    }

    private static byte[] copy(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (AgentConnection connection : open) {
                connection.checkTimeouts(now);
            }
            limiter.forgetIdle(now);
        } catch (RuntimeException e) {
            LOG.error("agent session sweep failed", e);
        }
    }

    /** Sessions open on this gateway (including those still waiting for hello). */
    public int openSessions() {
        return open.size();
    }

    /**
     * Stops the gateway: lets each session's queued frames be handled (up to the shutdown grace), then closes every
     * session with 1001 so agents reconnect to whichever brain comes up.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (System.nanoTime() < deadline && !open.stream().allMatch(AgentConnection::drained)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (AgentConnection connection : open) {
            connection.close(CloseCode.GOING_AWAY, "brain shutting down");
        }
        sweeper.shutdownNow();
        presenceTimer.shutdownNow();
        longPollTimer.shutdownNow();
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Jetty's session as the connection's transport. */
    private record JettySocket(Session session) implements AgentConnection.Socket {
        @Override
        public void send(ByteBuffer message, Runnable onWritten, java.util.function.Consumer<Throwable> onFailure) {
            session.sendBinary(message, Callback.from(onWritten, onFailure));
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }

        @Override
        public void ping() {
            session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }
}
