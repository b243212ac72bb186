package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.protocol.AgentHello;
import dev.z4j.adapter.ws.agents.protocol.BrainFrames;
import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameSigner;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.FrameVerifier;
import dev.z4j.adapter.ws.agents.protocol.ProtocolException;
import dev.z4j.adapter.ws.agents.protocol.SessionBinding;
import dev.z4j.ports.agents.AgentPrincipal;
import dev.z4j.ports.ingest.IngestCounts;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent WebSocket session, from upgrade to close.
 *
 * <p>Reading (one Jetty thread at a time, in arrival order): size check, parse, then either the hello handshake or
 * verification of a signed frame (HMAC, then replay guard). Verified frames wait in a bounded queue; when it is
 * full the reading thread waits, so Jetty stops reading this socket and TCP pushes back on the agent. A dispatch
 * thread takes frames off the queue in order and hands them to ingestion and commands. The queue stops draining
 * (and so fills) while {@value #MAX_BATCHES_IN_FLIGHT} batches of the connection wait for their commit, while the
 * project waits for its events-per-second budget, and while ingestion's brain-wide queue is full: each of these
 * ends, through the same queue, in an unread socket and an agent that buffers.
 *
 * <p>Writing: every brain frame is signed and handed to Jetty under one lock, so seq reaches the agent in order.
 * While more than {@value #UNWRITTEN_FRAMES_PAUSE} of them are still unwritten, the reading thread waits too: the agent
 * is not reading, and z4j-bare 1.6.0 only reads (our acks) once its own writes stall, so not reading from it is what
 * lets it catch up instead of re-sending its unacknowledged batches in a loop.
 */
final class AgentConnection implements AgentSession {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    private static final long QUEUE_POLL_MILLIS = 100;
    /** Unwritten brain frames at which the gateway stops reading from the agent until they drain. */
    static final int UNWRITTEN_FRAMES_PAUSE = 32;
    /** Batches of one connection handed to ingestion and not yet committed; beyond, it reads no further. */
    static final int MAX_BATCHES_IN_FLIGHT = 16;
    /** A close reason is at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_CHARS = 100;

    enum State { AWAITING_HELLO, READY, CLOSED }

    /** The transport under a connection: write whole binary messages, close with a code. */
    interface Socket {
        /** Starts writing; exactly one of the callbacks runs once the message is written or has failed. */
        void send(ByteBuffer message, Runnable onWritten, Consumer<Throwable> onFailure);

        void close(int code, String reason);

        void ping();
    }

    private final Socket socket;
    private final AgentPrincipal principal;
    private final String clientIp;
    private final GatewayContext context;
    private final long helloDeadlineNanos;
    private final BlockingQueue<Frame> inbound;
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReportWindow reports = new ReportWindow();
    private volatile boolean paced;
    /** The last acknowledgement handed to the dispatcher; touched by the (single) dispatching thread only. */
    private CompletableFuture<Void> acknowledgements = CompletableFuture.completedFuture(null);
    private final Object sendLock = new Object();
    private final Object writeProgress = new Object();
    private int unwritten;

    private volatile State state = State.AWAITING_HELLO;
    private volatile long lastFrameNanos;
    private volatile AgentHello hello;
    private volatile SessionBinding binding;
    private volatile Instant connectedAt;
    private FrameVerifier verifier;
    private FrameSigner signer;

    AgentConnection(Socket socket, AgentPrincipal principal, String clientIp, GatewayContext context) {
        this.socket = socket;
        this.principal = principal;
        this.clientIp = clientIp;
        this.context = context;
        this.inbound = new ArrayBlockingQueue<>(context.settings().inboundQueueFrames());
        this.helloDeadlineNanos = System.nanoTime() + context.settings().helloTimeout().toNanos();
    }

    @Override
    public AgentPrincipal principal() {
        return principal;
    }

    UUID agentId() {
        return principal.agentId();
    }

    @Override
    public String workerKey() {
        return hello.workerId().orElse("");
    }

    /** The strings this session signs with (sent in hello_ack); null before the handshake. */
    SessionBinding binding() {
        return binding;
    }

    boolean isReady() {
        return state == State.READY;
    }

    /** Called by the reading thread with each whole message. */
    void receive(byte[] message) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (message.length > context.settings().maxFrameBytes()) {
                throw new ProtocolException(CloseCode.BAD_FRAME, "frame larger than "
                        + context.settings().maxFrameBytes() + " bytes");
            }
            Frame frame = Frame.parse(message);
            if (state == State.AWAITING_HELLO) {
                handshake(AgentHello.from(frame));
                return;
            }
            Optional<FrameType> type = frame.knownType();
            if (type.isPresent() && (type.get() == FrameType.HELLO || !type.get().sentByAgents())) {
                throw new ProtocolException(CloseCode.BAD_FRAME, "agents do not send " + frame.type() + " frames here");
            }
            verifier.verify(frame);
            lastFrameNanos = System.nanoTime();
            if (type.isEmpty()) {
                LOG.debug("agent {} sent a frame of unknown type {}; ignored", agentId(), frame.type());
                return;
            }
            context.router().check(type.get(), frame);
            enqueue(frame);
            awaitWritesDrained();
        } catch (ProtocolException e) {
            LOG.info("closing agent {} session from {}: {} ({})", agentId(), clientIp, e.getMessage(),
                    e.closeCode().code());
            close(e.closeCode(), e.getMessage());
        }
    }

    private void handshake(AgentHello agentHello) {
        UUID sessionId = UUID.randomUUID();
        SessionBinding binding = new SessionBinding(principal.agentId().toString(), principal.projectId().toString(),
                sessionId.toString());
        byte[] key = principal.frameKey();
        this.hello = agentHello;
        this.binding = binding;
        this.verifier = new FrameVerifier(key, binding, context.clock());
        synchronized (sendLock) {
            this.signer = new FrameSigner(key, binding, context.clock(), context.nonces());
        }
        context.registry().register(this);
        lastFrameNanos = System.nanoTime();
        connectedAt = context.clock().instant();
        try {
            context.router().connected(this, agentHello, connectedAt);
        } catch (RuntimeException e) {
            LOG.error("could not record the connection of agent {}; closing so it retries", agentId(), e);
            close(CloseCode.INTERNAL_ERROR, "the brain could not record the connection; retry later");
            return;
        }
        synchronized (sendLock) {
            if (state == State.CLOSED) {
                return;
            }
            // Ready before hello_ack leaves: an agent may react to it at once; the lock keeps other frames behind it.
            state = State.READY;
            write(BrainFrames.helloAck(binding, sessionId, context.settings().brainVersion(),
                    (int) context.settings().heartbeatInterval().toSeconds(), context.settings().maxFrameBytes(),
                    context.clock().instant()));
        }
        LOG.info("agent {} connected from {} (worker {}, {} {}, session {})", agentId(), clientIp,
                agentHello.workerId().orElse("-"), agentHello.framework(), agentHello.agentVersion(), sessionId);
        context.dispatcher().execute(() -> context.router().agentReady(this));
    }

    private void enqueue(Frame frame) {
        try {
            while (!inbound.offer(frame, QUEUE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (state == State.CLOSED) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        scheduleDispatch();
    }

    private void scheduleDispatch() {
        if (dispatching.compareAndSet(false, true)) {
            context.dispatcher().execute(this::dispatch);
        }
    }

    /**
     * Runs on a dispatch thread; at most one per connection at a time, so frames are handed over in order. It stops
     * early while {@value #MAX_BATCHES_IN_FLIGHT} batches wait for their commit or the project waits for its events
     * budget; a commit or the budget's timer starts it again.
     */
    private void dispatch() {
        while (true) {
            drain();
            dispatching.set(false);
            if (state == State.CLOSED || !canProceed() || !dispatching.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private boolean canProceed() {
        Frame head = inbound.peek();
        return head != null && (!isBatch(head) || (inFlight.get() < MAX_BATCHES_IN_FLIGHT && !paced));
    }

    private void drain() {
        Frame frame;
        while (state != State.CLOSED && (frame = inbound.peek()) != null) {
            if (isBatch(frame)) {
                if (inFlight.get() >= MAX_BATCHES_IN_FLIGHT || paced) {
                    return;
                }
                Duration wait = context.router().admit(this, context.router().events(frame));
                if (!wait.isZero()) {
                    paced = true;
                    context.timer().schedule(() -> {
                        paced = false;
                        scheduleDispatch();
                    }, wait.toNanos(), TimeUnit.NANOSECONDS);
                    return;
                }
                inbound.poll();
                handOver(frame);
            } else {
                inbound.poll();
                try {
                    context.router().handle(this, frame);
                } catch (RuntimeException e) {
                    failed(frame, e);
                }
            }
        }
    }

    /**
     * Submits a batch; its acknowledgement is sent from a dispatch thread (not ingestion's writer) once it is
     * committed and the previous batch's acknowledgement is out, so acknowledgements keep the batches' order.
     */
    private void handOver(Frame batch) {
        inFlight.incrementAndGet();
        CompletableFuture<IngestCounts> committed;
        try {
            committed = context.router().submit(this, batch);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            failed(batch, e);
            return;
        }
        CompletableFuture<Void> acknowledged = acknowledgements.thenCombineAsync(committed, (previous, counts) -> {
            FrameRouter.acknowledge(this, batch, counts);
            return null;
        }, context.dispatcher());
        acknowledgements = acknowledged;
        acknowledged.whenComplete((done, failure) -> {
            inFlight.decrementAndGet();
            if (failure != null) {
                failed(batch, failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
            }
            scheduleDispatch();
        });
    }

    private void failed(Frame frame, Throwable e) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.error("handling a {} frame of agent {} failed; closing the session so the agent resends",
                frame.type(), agentId(), e);
        close(CloseCode.INTERNAL_ERROR, "the brain could not handle a frame; retry later");
    }

    private static boolean isBatch(Frame frame) {
        return frame.knownType().orElse(null) == FrameType.EVENT_BATCH;
    }

    /** Whether every queued frame has been handled and every batch committed. */
    boolean drained() {
        return inbound.isEmpty() && !dispatching.get() && inFlight.get() == 0;
    }

    @Override
    public boolean statusReportAllowed() {
        return reports.allow(System.nanoTime());
    }

    /** Signs and writes a brain frame; false when the session is not open. */
    @Override
    public boolean send(FrameType type, String id, Map<String, Object> payload) {
        synchronized (sendLock) {
            if (state != State.READY) {
                return false;
            }
            byte[] bytes = signer.sign(type, id, payload);
            if (bytes.length > context.settings().maxFrameBytes()) {
                throw new IllegalArgumentException(type.wire() + " frame of " + bytes.length
                        + " bytes exceeds what agents accept (" + context.settings().maxFrameBytes() + ")");
            }
            write(bytes);
            return true;
        }
    }

    private void write(byte[] bytes) {
        synchronized (writeProgress) {
            unwritten++;
        }
        socket.send(ByteBuffer.wrap(bytes), this::written, failure -> {
            written();
            if (state != State.CLOSED) {
                LOG.info("agent {} session from {}: a write failed ({}); closing", agentId(), clientIp,
                        failure.toString());
                close(CloseCode.INTERNAL_ERROR, "the agent is not reading its frames");
            }
        });
    }

    private void written() {
        synchronized (writeProgress) {
            unwritten--;
            if (unwritten <= UNWRITTEN_FRAMES_PAUSE) {
                writeProgress.notifyAll();
            }
        }
    }

    /** Holds the reading thread while the agent is not reading what we write (see the class comment). */
    private void awaitWritesDrained() {
        synchronized (writeProgress) {
            while (unwritten > UNWRITTEN_FRAMES_PAUSE && state != State.CLOSED) {
                try {
                    writeProgress.wait(QUEUE_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Ends the session with this code (once; later calls do nothing). */
    @Override
    public void close(CloseCode code, String reason) {
        if (end()) {
            socket.close(code.code(), reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
        }
    }

    /** The socket closed under us (the agent left, or Jetty closed it). */
    void closed(int code) {
        if (end()) {
            LOG.info("agent {} session from {} closed ({})", agentId(), clientIp, code);
        }
    }

    /** Moves to CLOSED once: drops queued frames, leaves the registry, reports the disconnect. */
    private boolean end() {
        State previous;
        synchronized (sendLock) {
            previous = state;
            state = State.CLOSED;
        }
        if (previous == State.CLOSED) {
            return false;
        }
        inbound.clear();
        context.registry().unregister(this);
        Instant since = connectedAt;
        if (since != null) {
            boolean lastSessionHere = !context.registry().isConnected(agentId());
            context.dispatcher().execute(() -> context.router().disconnected(this, since, lastSessionHere));
        }
        return true;
    }

    /** Keeps NATs and proxies from dropping a quiet connection; the agent's pong is not waited for. */
    void ping() {
        if (state != State.CLOSED) {
            socket.ping();
        }
    }

    /** Applies the hello and idle timeouts; called periodically. */
    void checkTimeouts(long nowNanos) {
        if (state == State.AWAITING_HELLO && nowNanos - helloDeadlineNanos > 0) {
            close(CloseCode.BAD_FRAME, "no hello within " + context.settings().helloTimeout().toSeconds() + " s");
        } else if (state == State.READY
                && nowNanos - lastFrameNanos > context.settings().idleTimeout().toNanos()) {
            close(CloseCode.IDLE, "no frame for " + context.settings().idleTimeout().toSeconds() + " s");
        }
    }
}
