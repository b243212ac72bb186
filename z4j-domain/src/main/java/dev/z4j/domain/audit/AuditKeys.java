package dev.z4j.domain.audit;

import dev.z4j.domain.support.KeyedHash;
import dev.z4j.ports.system.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit keys of a set of secrets, by key id. The audit key of a secret is
 * {@code HMAC-SHA256(key = UTF-8 bytes of Z4J_SECRET, message = "z4j-audit-key-v1")} (32 bytes), so the chain never
 * shares a key with the token hashes derived from the same secret; a row's {@code key_id} is
 * {@link Secret#keyId()}, the public fingerprint of the secret. Not thread-safe: one instance per walk or call.
 */
final class AuditKeys {

    static final String DERIVATION_LABEL = "z4j-audit-key-v1";

    private final Map<String, Mac> macs = new HashMap<>();

    AuditKeys(List<Secret> secrets) {
        for (Secret secret : secrets) {
            macs.putIfAbsent(secret.keyId(), mac(secret));
        }
    }

    static byte[] derive(Secret secret) {
        return KeyedHash.hmacSha256(secret.bytes(), DERIVATION_LABEL.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac mac(Secret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive(secret), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    boolean holds(String keyId) {
        return macs.containsKey(keyId);
    }

    /**
     * Whether {@code storedHex} is the HMAC of {@code message} under the key {@code keyId} (held), compared in
     * constant time without formatting the computed value.
     */
    boolean matches(String keyId, byte[] message, String storedHex) {
        byte[] computed = macs.get(keyId).doFinal(message);
        if (storedHex.length() != computed.length * 2) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < computed.length; i++) {
            int hi = Character.digit(storedHex.charAt(2 * i), 16);
            int lo = Character.digit(storedHex.charAt(2 * i + 1), 16);
            difference |= (hi | lo) < 0 || Character.isUpperCase(storedHex.charAt(2 * i))
                    || Character.isUpperCase(storedHex.charAt(2 * i + 1)) ? 1 : (computed[i] ^ (hi << 4 | lo)) & 0xFF;
        }
        return difference == 0;
    }

    /** Lowercase hex HMAC of {@code message} under the audit key of {@code keyId}, when this set holds it. */
    Optional<String> sign(String keyId, byte[] message) {
        Mac mac = macs.get(keyId);
        return mac == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(mac.doFinal(message)));
    }
}
