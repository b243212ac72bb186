package dev.z4j.adapter.ws.agents.testing;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameSigner;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.FrameVerifier;
import dev.z4j.adapter.ws.agents.protocol.IsoTimestamps;
import dev.z4j.adapter.ws.agents.protocol.PythonJson;
import dev.z4j.adapter.ws.agents.protocol.SessionBinding;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A protocol v2 agent for tests, speaking what the upstream Python agent (z4j-bare 1.6) sends: binary WebSocket
 * messages of one JSON object, the hello of Appendix B, frames signed with the binding strings taken from
 * {@code hello_ack}, nonces of 22 urlsafe characters, seq from 1. Brain frames it receives are verified the way
 * the agent verifies them (signature and replay guard), so out-of-order seq from the brain fails the test.
 *
 * <p>Uses the JDK's {@link java.net.http.WebSocket}; one instance is one connection.
 */
public final class TestAgent implements AutoCloseable {

    /** How a session ended: the close code and reason the brain sent, or -1 when the connection broke. */
    public record Closed(int code, String reason) {
    }

    /** The upgrade was refused with an HTTP status. */
    public static final class UpgradeRefused extends Exception {
        private final int status;

        UpgradeRefused(int status) {
            super("upgrade refused with HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final Listener listener;
    private final LinkedBlockingQueue<byte[]> received;
    private final CompletableFuture<Closed> closed;
    private byte[] frameKey;
    private final SkewedClock clock = new SkewedClock();
    private SessionBinding binding;
    private FrameSigner signer;
    private FrameVerifier verifier;
    private String nextNonce;

    private TestAgent(WebSocket socket, Listener listener, LinkedBlockingQueue<byte[]> received,
                      CompletableFuture<Closed> closed) {
        this.socket = socket;
        this.listener = listener;
        this.received = received;
        this.closed = closed;
    }

    /** Connects to {@code <brain>/ws/agent} with {@code Authorization: Bearer <token>} (no header when null). */
    public static TestAgent connect(URI brain, String token) throws UpgradeRefused {
        return connect(brain, token == null ? null : "Bearer " + token, Map.of());
    }

    /** Connects with a raw {@code Authorization} value and extra headers. */
    public static TestAgent connect(URI brain, String authorization, Map<String, String> headers) throws UpgradeRefused {
        LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        URI uri = URI.create(brain.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/agent");
        try {
            Listener listener = new Listener(received, closed);
            WebSocket socket = builder.buildAsync(uri, listener).join();
            return new TestAgent(socket, listener, received, closed);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                throw new UpgradeRefused(handshake.getResponse().statusCode());
            }
            throw e;
        }
    }

    /** The frame key to sign with, as the operator was given it ({@code Z4J_HMAC_SECRET}, padded or not). */
    public TestAgent withHmacSecret(String hmacSecret) {
        return withFrameKey(Base64.getUrlDecoder().decode(hmacSecret));
    }

    /** The frame key to sign with; after the handshake, signing restarts with it (and seq from 1). */
    public TestAgent withFrameKey(byte[] key) {
        this.frameKey = key.clone();
        if (binding != null) {
            startSigning();
        }
        return this;
    }

    /** Shifts the clock stamped into {@code ts} of the frames signed from now on (for skew tests). */
    public TestAgent withClockSkew(Duration skew) {
        clock.skew = skew;
        return this;
    }

    /** The hello the real agent sends, for worker slot {@code workerId} (null: a legacy single-slot agent). */
    public static Map<String, Object> standardHello(String workerId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("protocol_version", "2");
        payload.put("agent_version", "0.0.0");
        payload.put("framework", "bare");
        payload.put("engines", List.of("demo"));
        payload.put("schedulers", List.of());
        payload.put("capabilities", Map.of("demo", List.of("retry_task")));
        payload.put("host", Map.of("name", "test-host"));
        payload.put("worker_id", workerId);
        payload.put("worker_role", null);
        payload.put("worker_pid", 4242L);
        payload.put("worker_started_at", IsoTimestamps.format(Instant.now()));
        return payload;
    }

    /** Sends the standard hello for a fresh worker slot and waits for {@code hello_ack}. */
    public Frame hello() {
        return hello(standardHello("bare-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
    }

    /** Sends a hello with this payload, waits for {@code hello_ack} and binds the signer to its strings. */
    public Frame hello(Map<String, Object> payload) {
        sendHello(payload);
        Frame ack = awaitFrame(Duration.ofSeconds(10));
        if (!ack.type().equals("hello_ack")) {
            throw new AssertionError("expected hello_ack, got " + ack);
        }
        Map<String, Object> p = ack.payload();
        binding = new SessionBinding((String) p.get("agent_id"), (String) p.get("project_id"), (String) p.get("session_id"));
        startSigning();
        return ack;
    }

    private void startSigning() {
        if (frameKey == null) {
            throw new IllegalStateException("give the test agent its frame key first (withHmacSecret)");
        }
        Supplier<String> random = FrameSigner.randomNonces(RANDOM);
        Supplier<String> nonces = () -> {
            String fixed = nextNonce;
            nextNonce = null;
            return fixed != null ? fixed : random.get();
        };
        verifier = new FrameVerifier(frameKey, binding, Clock.systemUTC());
        signer = new FrameSigner(frameKey, binding, clock, nonces);
    }

    public void sendHello(Map<String, Object> payload) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("v", 2L);
        frame.put("id", "hello_" + HexFormat.of().formatHex(randomBytes(8)));
        frame.put("ts", null);
        frame.put("type", "hello");
        frame.put("payload", payload);
        sendRaw(PythonJson.canonical(frame));
    }

    /** Uses this nonce for the next signed frame instead of a random one. */
    public TestAgent nextNonce(String nonce) {
        this.nextNonce = nonce;
        return this;
    }

    /** Signs a frame without sending it (advances seq). */
    public byte[] sign(String type, String id, Map<String, Object> payload) {
        if (signer == null) {
            throw new IllegalStateException("no hello_ack yet: call hello() first");
        }
        return signer.sign(type, id, payload);
    }

    public byte[] sendSigned(String type, String id, Map<String, Object> payload) {
        byte[] frame = sign(type, id, payload);
        sendRaw(frame);
        return frame;
    }

    /** Sends an {@code event_batch} with an id like the agent's ({@code ev_<12 hex>}); returns the id. */
    public String sendEventBatch(List<Map<String, Object>> events) {
        String id = "ev_" + HexFormat.of().formatHex(randomBytes(6));
        sendSigned(FrameType.EVENT_BATCH.wire(), id, Map.of("events", events));
        return id;
    }

    public void sendHeartbeat() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("buffer_size", 0L);
        payload.put("last_flush_at", null);
        payload.put("dropped_events", 0L);
        payload.put("adapter_health", Map.of());
        sendSigned(FrameType.HEARTBEAT.wire(), "hb_" + HexFormat.of().formatHex(randomBytes(6)), payload);
    }

    /** One event as the agent's Celery mapper shapes it. */
    public static Map<String, Object> taskEvent(String kind, String taskId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_name", "demo.add");
        data.put("queue", "default");
        data.put("args", List.of(1L, 2L));
        data.put("kwargs", Map.of());
        data.put("worker", "w1@host");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("kind", kind);
        event.put("engine", "demo");
        event.put("task_id", taskId);
        event.put("occurred_at", Instant.now().toString().replace("Z", "+00:00"));
        event.put("data", data);
        return event;
    }

    /** Sends bytes as one binary message, as the agent does. */
    public void sendRaw(byte[] bytes) {
        try {
            socket.sendBinary(ByteBuffer.wrap(bytes), true).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!closed.isDone()) {
                throw new IllegalStateException("send failed while the session is open", e);
            }
        }
    }

    public void sendText(String text) {
        try {
            socket.sendText(text, true).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!closed.isDone()) {
                throw new IllegalStateException("send failed while the session is open", e);
            }
        }
    }

    /** The next frame from the brain; a signed one must verify as the agent would verify it. */
    public Frame awaitFrame(Duration timeout) {
        byte[] bytes;
        try {
            bytes = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a frame");
        }
        if (bytes == null) {
            throw new AssertionError("no frame from the brain within " + timeout
                    + (closed.isDone() ? "; session closed: " + closed.join() : ""));
        }
        Frame frame = Frame.parse(bytes);
        if (frame.fields().containsKey("hmac")) {
            if (verifier == null) {
                throw new AssertionError("a signed frame arrived before hello_ack: " + frame);
            }
            verifier.verify(frame);
        }
        return frame;
    }

    /** Skips heartbeat-driven noise: the next frame of this type. */
    public Frame awaitFrame(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = awaitFrame(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.type().equals(type)) {
                return frame;
            }
        }
    }

    /** Fails when any frame from the brain arrives within this time. */
    public void assertNoFrameWithin(Duration timeout) throws InterruptedException {
        byte[] bytes = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (bytes != null) {
            throw new AssertionError("unexpected frame: " + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    public Closed awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the brain did not close the session within " + timeout);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Pings received from the brain (answered with pongs by the JDK client). */
    public int pings() {
        return listener.pings.get();
    }

    public SessionBinding binding() {
        return binding;
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").exceptionally(e -> null);
            try {
                closed.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The system clock shifted by a settable amount. */
    private static final class SkewedClock extends Clock {
        volatile Duration skew = Duration.ZERO;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(skew);
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final LinkedBlockingQueue<byte[]> received;
        private final CompletableFuture<Closed> closed;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final StringBuilder partialText = new StringBuilder();
        private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

        Listener(LinkedBlockingQueue<byte[]> received, CompletableFuture<Closed> closed) {
            this.received = received;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                received.add(partial.toByteArray());
                partial.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partialText.append(data);
            if (last) {
                received.add(partialText.toString().getBytes(StandardCharsets.UTF_8));
                partialText.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(ws, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
