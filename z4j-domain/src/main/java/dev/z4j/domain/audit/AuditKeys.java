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

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
     * Whether {@code hex[from, from + hexLength)} is the lowercase hex HMAC of the first {@code length} bytes of
     * {@code message} under the key {@code keyId} (held), compared in constant time, digit by digit.
     */
    boolean matches(String keyId, byte[] message, int length, byte[] hex, int from, int hexLength) {
        Mac mac = macs.get(keyId);
        mac.update(message, 0, length);
        byte[] computed = mac.doFinal();
        if (hexLength != computed.length * 2) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < computed.length; i++) {
            difference |= hex[from + 2 * i] ^ HEX_DIGITS[computed[i] >> 4 & 0xF];
            difference |= hex[from + 2 * i + 1] ^ HEX_DIGITS[computed[i] & 0xF];
        }
        return difference == 0;
    }

    /** Lowercase hex HMAC of {@code message} under the audit key of {@code keyId}, when this set holds it. */
    Optional<String> sign(String keyId, byte[] message) {
        Mac mac = macs.get(keyId);
        return mac == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(mac.doFinal(message)));
    }
}
