package dev.z4j.adapter.ws.agents.protocol;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Signs the frames of one session direction: stamps {@code ts}, a fresh {@code nonce} and the next {@code seq}
 * (from 1), computes the HMAC over the bound envelope, and returns the frame's bytes (canonical JSON, without the
 * binding fields). The receiver requires strictly increasing seq in arrival order, so the caller must hold one lock
 * per connection across {@link #sign} and the write of its result. Not thread-safe by itself.
 */
public final class FrameSigner {

    private final EnvelopeMac mac;
    private final Clock clock;
    private final Supplier<String> nonces;
    private long nextSeq = 1;

    public FrameSigner(byte[] key, SessionBinding binding, Clock clock, Supplier<String> nonces) {
        this.mac = new EnvelopeMac(key, binding);
        this.clock = clock;
        this.nonces = nonces;
    }

    /** Nonces as the agent makes them: {@code secrets.token_urlsafe(16)}, 22 characters. */
    public static Supplier<String> randomNonces(SecureRandom random) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return encoder.encodeToString(bytes);
        };
    }

    public byte[] sign(FrameType type, String id, Map<String, Object> payload) {
        return sign(type.wire(), id, payload);
    }

    /** Signs any type name; only tests send types the protocol does not define. */
    public byte[] sign(String type, String id, Map<String, Object> payload) {
        Map<String, Object> frame = new HashMap<>();
        frame.put("v", (long) Frame.PROTOCOL_VERSION);
        frame.put("id", id);
        frame.put("ts", IsoTimestamps.format(clock.instant()));
        frame.put("type", type);
        frame.put("payload", payload);
        frame.put("nonce", nonces.get());
        frame.put("seq", nextSeq++);
        frame.put("hmac", mac.hexDigest(frame));
        return PythonJson.canonical(frame);
    }
}
