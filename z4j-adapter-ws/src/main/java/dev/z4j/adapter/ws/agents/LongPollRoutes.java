package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.LongPollSession.Signable;
import dev.z4j.adapter.ws.agents.protocol.BrainFrames;
import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.ProtocolException;
import dev.z4j.adapter.ws.agents.protocol.PythonJson;
import dev.z4j.ports.agents.AgentCredentials;
import dev.z4j.ports.agents.AgentPresence;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.commands.CommandPickup;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.TooManyRequestsResponse;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS long-poll transport (reference §6), for agents started with {@code Z4J_TRANSPORT=longpoll}:
 * {@code GET /api/v1/agent/commands?wait=&max_frames=} returns signed brain frames, {@code POST /api/v1/agent/events}
 * takes signed agent frames. Same bearer, same signing (the session id is the {@code X-Z4J-Session-Nonce} header),
 * same frame handling as the WebSocket. Differences from upstream: acks are returned on the next poll, a waiting
 * poll holds no thread, a request counts as a heartbeat for presence, and the body limit is the gateway's own
 * ({@code maxLongPollBodyBytes}), not 8 KiB.
 */
final class LongPollRoutes {

    static final String COMMANDS = "/api/v1/agent/commands";
    static final String EVENTS = "/api/v1/agent/events";
    static final String SESSION_NONCE = "X-Z4J-Session-Nonce";
    private static final Logger LOG = LoggerFactory.getLogger(LongPollRoutes.class);
    private static final long POLL_MILLIS = 250;
    private static final int MAX_WAIT_SECONDS = 60;
    private static final int MAX_FRAMES = 500;
    private static final int MAX_ERRORS_REPORTED = 10;

    private final GatewaySettings settings;
    private final AgentCredentials credentials;
    private final AgentPresence presence;
    private final CommandPickup pickup;
    private final FrameRouter router;
    private final ConnectRateLimiter limiter;
    private final BiFunction<String, String, String> clientIp;
    private final ScheduledExecutorService poller;
    private final LongPollSessions sessions;
    private final AgentConnections registry;

    LongPollRoutes(GatewaySettings settings, AgentCredentials credentials, AgentPresence presence, CommandPickup pickup,
                   FrameRouter router, ConnectRateLimiter limiter, BiFunction<String, String, String> clientIp,
                   ScheduledExecutorService poller, LongPollSessions sessions, AgentConnections registry) {
        this.settings = settings;
        this.credentials = credentials;
        this.presence = presence;
        this.pickup = pickup;
        this.router = router;
        this.limiter = limiter;
        this.clientIp = clientIp;
        this.poller = poller;
        this.sessions = sessions;
        this.registry = registry;
    }

    void register(JavalinConfig config) {
        config.routes.get(COMMANDS, this::commands);
        config.routes.post(EVENTS, this::events);
    }

    private LongPollSession session(Context ctx) {
        String ip = clientIp.apply(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
        if (!limiter.tryAcquire(ip, System.nanoTime())) {
            throw new TooManyRequestsResponse("agent request rate limit exceeded");
        }
        AgentPrincipal principal = BearerToken.from(ctx.header("Authorization")).flatMap(credentials::authenticate)
                .orElseThrow(() -> {
                    LOG.info("refused a long-poll request from {}: missing, unknown or revoked bearer token", ip);
                    return new UnauthorizedResponse("invalid agent token");
                });
        String nonce = Optional.ofNullable(ctx.header(SESSION_NONCE)).orElse("");
        presence.heartbeat(principal, "");
        ctx.header("X-Z4J-LongPoll-Worker", Long.toString(ProcessHandle.current().pid()));
        return sessions.of(principal, nonce);
    }

    private void commands(Context ctx) {
        LongPollSession session = session(ctx);
        registry.polled(session.principal().agentId());
        int wait = bounded(ctx.queryParam("wait"), 30, 0, MAX_WAIT_SECONDS, "wait");
        int max = bounded(ctx.queryParam("max_frames"), 50, 1, MAX_FRAMES, "max_frames");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
        CompletableFuture<List<String>> frames = new CompletableFuture<>();
        poll(session, max, deadline, frames);
        ctx.future(() -> frames.thenAccept(list -> respond(ctx, Map.of("frames", list))));
    }

    /** Looks for frames now and then every 250 ms until some arrive or the wait is over; no thread waits. */
    private void poll(LongPollSession session, int max, long deadline, CompletableFuture<List<String>> result) {
        try {
            int room = Math.max(0, max - session.waiting());
            List<Signable> commands = new ArrayList<>();
            if (room > 0) {
                for (AgentCommand c : pickup.claim(session.principal().projectId(), session.principal().agentId(), room)) {
                    commands.add(new Signable(FrameType.COMMAND, c.id().toString(), BrainFrames.command(c.action(),
                            c.targetType(), c.targetId(), c.parameters(), c.timeoutSeconds(),
                            c.issuedBy().map(UUID::toString))));
                }
            }
            List<String> frames = session.collect(max, commands);
            long left = deadline - System.nanoTime();
            if (!frames.isEmpty() || left <= 0) {
                result.complete(frames);
                return;
            }
            poller.schedule(() -> poll(session, max, deadline, result), Math.min(POLL_MILLIS,
                    TimeUnit.NANOSECONDS.toMillis(left) + 1), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private void events(Context ctx) {
        LongPollSession session = session(ctx);
        List<String> posted = postedFrames(readBody(ctx));
        admit(ctx, session, posted);
        int accepted = 0;
        List<String> errors = new ArrayList<>();
        synchronized (session) {
            for (String text : posted) {
                String error = handle(session, text);
                if (error == null) {
                    accepted++;
                    continue;
                }
                if (errors.size() < MAX_ERRORS_REPORTED) {
                    errors.add(error);
                }
                if (session.dropped()) {
                    break;
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", (long) accepted);
        body.put("rejected", (long) (posted.size() - accepted));
        body.put("errors", errors);
        respond(ctx, body);
    }

    /**
     * The project's events budget, for the whole POST before any frame is verified: the agent re-sends a refused
     * POST as it was, which must then verify as if it were new. The answer is 503 with {@code Retry-After}, which
     * the agent retries; a 4xx would make it drop the frames as delivered (reference §6).
     */
    private void admit(Context ctx, LongPollSession session, List<String> posted) {
        int events = 0;
        for (String text : posted) {
            try {
                events += router.events(Frame.parse(text.getBytes(StandardCharsets.UTF_8)));
            } catch (ProtocolException e) {
                // Refused frame by frame below, with its reason.
            }
        }
        Duration wait = router.admit(session, events);
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            throw new ServiceUnavailableResponse("the project's events-per-second budget is spent; retry after "
                    + wait.toMillis() + " ms");
        }
    }

    /** Verifies and hands over one frame; the reason it was refused, or null. A bad signature ends the session. */
    private String handle(LongPollSession session, String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > settings.maxFrameBytes()) {
                return "frame larger than " + settings.maxFrameBytes() + " bytes";
            }
            Frame frame = Frame.parse(bytes);
            Optional<FrameType> type = frame.knownType();
            if (type.isPresent() && (type.get() == FrameType.HELLO || !type.get().sentByAgents())) {
                return "agents do not send " + frame.type() + " frames here";
            }
            session.verify(frame);
            if (type.isPresent()) {
                router.check(type.get(), frame);
                router.handle(session, frame);
            }
            return null;
        } catch (ProtocolException e) {
            if (e.closeCode() == CloseCode.BAD_SIGNATURE) {
                session.close(e.closeCode(), e.getMessage());
            }
            return e.getMessage();
        }
    }

    private byte[] readBody(Context ctx) {
        long limit = settings.maxLongPollBodyBytes();
        if (ctx.contentLength() > limit) {
            throw new ContentTooLargeResponse("the body exceeds " + limit + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new ContentTooLargeResponse("the body exceeds " + limit + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestResponse("could not read the request body");
        }
    }

    /** {@code {"frames": [<signed frame JSON as a string>, ...]}}, 1..500 strings. */
    private List<String> postedFrames(byte[] body) {
        Object json;
        try {
            json = PythonJson.parse(body);
        } catch (ProtocolException e) {
            throw new BadRequestResponse("the body is not JSON");
        }
        if (!(json instanceof Map<?, ?> map) || !(map.get("frames") instanceof List<?> frames) || frames.isEmpty()
                || frames.size() > MAX_FRAMES || !frames.stream().allMatch(String.class::isInstance)) {
            throw new BadRequestResponse("the body must be {\"frames\": [1.." + MAX_FRAMES + " frame strings]}");
        }
        return frames.stream().map(String.class::cast).toList();
    }

    private static void respond(Context ctx, Map<String, Object> body) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(PythonJson.canonical(body));
    }

    private static int bounded(String value, int defaultValue, int min, int max, String name) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse(name + " must be a whole number");
        }
    }
}
