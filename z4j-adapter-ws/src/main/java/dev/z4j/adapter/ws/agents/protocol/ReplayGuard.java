package dev.z4j.adapter.ws.agents.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Refuses replays within one session and direction: {@code seq} must be an int strictly above the last accepted
 * one (gaps allowed), {@code nonce} a non-empty string not seen in the last 180 s (at most 4096 remembered, oldest
 * forgotten first), {@code ts} a timestamp with an offset within ±60 s of now. A refused frame changes nothing.
 * Not thread-safe: frames of one session are verified one at a time, in arrival order.
 */
public final class ReplayGuard {

    public static final Duration NONCE_WINDOW = Duration.ofSeconds(180);
    public static final int NONCE_CAPACITY = 4096;
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);

    private final Clock clock;
    private final ArrayDeque<SeenNonce> order = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();
    private long lastSeq;

    private record SeenNonce(String nonce, Instant at) {
    }

    public ReplayGuard(Clock clock) {
        this.clock = clock;
    }

    /** @throws ProtocolException ({@link CloseCode#BAD_SIGNATURE}) when the frame is a replay or out of time */
    public void accept(Object seq, Object nonce, Object ts) {
        if (!(seq instanceof Long s) || s < 1) {
            throw ProtocolException.badSignature("seq must be a positive integer");
        }
        if (s <= lastSeq) {
            throw ProtocolException.badSignature("seq " + s + " is not above the last accepted " + lastSeq);
        }
        if (!(nonce instanceof String n) || n.isEmpty()) {
            throw ProtocolException.badSignature("nonce must be a non-empty string");
        }
        Instant now = clock.instant();
        forgetOlderThan(now.minus(NONCE_WINDOW));
        if (seen.contains(n)) {
            throw ProtocolException.badSignature("nonce was already used");
        }
        if (!(ts instanceof String text)) {
            throw ProtocolException.badSignature("ts must be a timestamp");
        }
        Instant stamped = IsoTimestamps.parseAware(text).orElseThrow(() ->
                ProtocolException.badSignature("ts must be an ISO-8601 timestamp with a time zone"));
        if (Duration.between(stamped, now).abs().compareTo(MAX_SKEW) > 0) {
            throw ProtocolException.badSignature("ts is more than " + MAX_SKEW.toSeconds() + " s away from the brain's clock");
        }
        lastSeq = s;
        if (order.size() >= NONCE_CAPACITY) {
            seen.remove(order.removeFirst().nonce());
        }
        order.addLast(new SeenNonce(n, now));
        seen.add(n);
    }

    private void forgetOlderThan(Instant cutoff) {
        while (!order.isEmpty() && order.peekFirst().at().isBefore(cutoff)) {
            seen.remove(order.removeFirst().nonce());
        }
    }
}
