package dev.z4j.adapter.ws.agents.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * Verifies the signed frames of one session direction: first the HMAC (constant-time comparison), then the
 * replay guard, so an unauthenticated frame can never advance the guard's state. Not thread-safe.
 */
public final class FrameVerifier {

    private static final int HEX_DIGEST_LENGTH = 64;

    private final EnvelopeMac mac;
    private final ReplayGuard guard;

    public FrameVerifier(byte[] key, SessionBinding binding, Clock clock) {
        this.mac = new EnvelopeMac(key, binding);
        this.guard = new ReplayGuard(clock);
    }

    /** @throws ProtocolException ({@link CloseCode#BAD_SIGNATURE}) when the signature or replay check fails */
    public void verify(Frame frame) {
        Object provided = frame.fields().get("hmac");
        if (!(provided instanceof String hex) || hex.length() != HEX_DIGEST_LENGTH) {
            throw ProtocolException.badSignature("hmac must be 64 hex characters");
        }
        String expected = mac.hexDigest(frame.fields());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), hex.getBytes(StandardCharsets.UTF_8))) {
            throw ProtocolException.badSignature("frame signature does not verify");
        }
        guard.accept(frame.fields().get("seq"), frame.fields().get("nonce"), frame.fields().get("ts"));
    }
}
