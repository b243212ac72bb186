package dev.z4j.domain.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 helpers. Keys are raw bytes; results are lowercase hex unless stated. */
public final class KeyedHash {

    private KeyedHash() {
    }

    public static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** HMAC-SHA256 with key {@code secret ‖ label} over the UTF-8 bytes of {@code value}: how tokens are stored. */
    public static String labelledHex(byte[] secret, String label, String value) {
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[secret.length + labelBytes.length];
        System.arraycopy(secret, 0, key, 0, secret.length);
        System.arraycopy(labelBytes, 0, key, secret.length, labelBytes.length);
        return HexFormat.of().formatHex(hmacSha256(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
