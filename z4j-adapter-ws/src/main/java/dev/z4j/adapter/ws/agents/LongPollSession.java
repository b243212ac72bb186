package dev.z4j.adapter.ws.agents;

import dev.z4j.adapter.ws.agents.protocol.CloseCode;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameSigner;
import dev.z4j.adapter.ws.agents.protocol.FrameType;
import dev.z4j.adapter.ws.agents.protocol.FrameVerifier;
import dev.z4j.adapter.ws.agents.protocol.SessionBinding;
import dev.z4j.ports.agents.AgentPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The signing state of one long-poll session, keyed by agent and {@code X-Z4J-Session-Nonce} (the nonce is the
 * binding's session id). Brain frames produced between polls ({@code event_batch_ack}, which upstream never sends
 * over long-poll, so its agents re-POST every batch until they fall back to "confirm on write") wait in a bounded
 * outbox and go out with the next poll, in signing order.
 */
final class LongPollSession implements AgentSession {

    /** Acks beyond this wait are dropped oldest first; the agent re-posts what it never saw acknowledged. */
    static final int OUTBOX_CAPACITY = 1000;

    private final AgentPrincipal principal;
    private final FrameVerifier verifier;
    private final FrameSigner signer;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private final ReportWindow reports = new ReportWindow();
    private volatile boolean dropped;

    LongPollSession(AgentPrincipal principal, String nonce, Clock clock, Supplier<String> nonces) {
        this.principal = principal;
        SessionBinding binding = new SessionBinding(principal.agentId().toString(), principal.projectId().toString(),
                nonce);
        byte[] key = principal.frameKey();
        this.verifier = new FrameVerifier(key, binding, clock);
        this.signer = new FrameSigner(key, binding, clock, nonces);
    }

    @Override
    public AgentPrincipal principal() {
        return principal;
    }

    /** Long-poll agents name no worker; they share the legacy slot. */
    @Override
    public String workerKey() {
        return "";
    }

    /** Verifies one posted frame; callers hold this session's monitor for a whole POST, so frames stay in order. */
    void verify(Frame frame) {
        verifier.verify(frame);
    }

    @Override
    public synchronized boolean send(FrameType type, String id, Map<String, Object> payload) {
        if (outbox.size() == OUTBOX_CAPACITY) {
            outbox.removeFirst();
        }
        outbox.addLast(sign(type, id, payload));
        return true;
    }

    /** Up to {@code max} waiting frames, then commands signed now, so the response is in seq order. */
    synchronized List<String> collect(int max, List<Signable> commands) {
        List<String> frames = new ArrayList<>();
        while (frames.size() < max && !outbox.isEmpty()) {
            frames.add(outbox.removeFirst());
        }
        for (Signable command : commands) {
            frames.add(sign(command.type(), command.id(), command.payload()));
        }
        return frames;
    }

    synchronized int waiting() {
        return outbox.size();
    }

    private String sign(FrameType type, String id, Map<String, Object> payload) {
        return new String(signer.sign(type, id, payload), StandardCharsets.UTF_8);
    }

    /** A signature failure drops the session: the agent's next request starts a fresh one. */
    @Override
    public void close(CloseCode code, String reason) {
        dropped = true;
    }

    boolean dropped() {
        return dropped;
    }

    @Override
    public boolean statusReportAllowed() {
        return reports.allow(System.nanoTime());
    }

    /** A brain frame to sign into a poll response. */
    record Signable(FrameType type, String id, Map<String, Object> payload) {
    }
}
