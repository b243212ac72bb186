package dev.z4j.ports.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A master secret as raw bytes. {@link #toString()} never shows the value; {@link #keyId()} is a short public
 * fingerprint (first 16 hex digits of SHA-256 over a fixed label and the secret) that tells which secret signed
 * something without revealing it.
 */
public final class Secret {

    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private Secret(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("a secret must be at least " + MIN_BYTES + " bytes long");
        }
        this.bytes = bytes.clone();
    }

    /** The secret as configured: the UTF-8 bytes of the string, as upstream uses it. */
    public static Secret ofText(String text) {
        return new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String keyId() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("z4j-key-id-v1:".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && MessageDigest.isEqual(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Secret[key " + keyId() + "]";
    }
}
