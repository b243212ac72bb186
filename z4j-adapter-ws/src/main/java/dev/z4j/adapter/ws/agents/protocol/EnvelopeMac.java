package dev.z4j.adapter.ws.agents.protocol;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a frame: HMAC-SHA256 under the agent's frame key over the canonical JSON of the envelope
 * without {@code hmac} and with the session's binding fields added (overriding any the sender put there).
 * One instance per session direction; not thread-safe (the owner serialises signing or verifying).
 */
final class EnvelopeMac {

    private final Mac mac;
    private final SessionBinding binding;

    EnvelopeMac(byte[] key, SessionBinding binding) {
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            this.mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
        this.binding = binding;
    }

    /** The canonical bytes that are signed for these frame fields. */
    byte[] signedBytes(Map<String, Object> frameFields) {
        Map<String, Object> envelope = new HashMap<>(frameFields);
        envelope.remove("hmac");
        binding.addTo(envelope);
        return PythonJson.canonical(envelope);
    }

    /** Lowercase hex, as Python's {@code hexdigest()}. */
    String hexDigest(Map<String, Object> frameFields) {
        return HexFormat.of().formatHex(mac.doFinal(signedBytes(frameFields)));
    }
}
