package dev.z4j.domain.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs from SHA-1. {@link #v5} is RFC 4122's version 5, as Python's {@code uuid.uuid5} makes it
 * ({@link UUID#nameUUIDFromBytes} is version 3, MD5, and takes no namespace). {@link #timeOrdered} keeps the same
 * SHA-1 bits but starts with a 48-bit Unix time in milliseconds, laid out like RFC 9562's version 7 and marked
 * version 8 (custom): still a pure function of its inputs, and ids of later times sort after earlier ones, so a
 * table keyed by them grows at one end instead of at random places.
 */
public final class NameBasedUuid {

    private NameBasedUuid() {
    }

    public static UUID v5(UUID namespace, String name) {
        byte[] hash = sha1(namespace, name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    /** SHA-1 bits of the name after a 48-bit big-endian millisecond time; version 8, RFC 4122 variant. */
    public static UUID timeOrdered(UUID namespace, String name, long epochMillis) {
        byte[] hash = sha1(namespace, name);
        long time = Math.max(0, Math.min(epochMillis, (1L << 48) - 1));
        for (int i = 0; i < 6; i++) {
            hash[i] = (byte) (time >>> (40 - 8 * i));
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    /** The smallest {@link #timeOrdered} id of this millisecond: every id of an earlier time sorts below it. */
    public static UUID firstAt(long epochMillis) {
        return new UUID(Math.max(0, epochMillis) << 16, 0);
    }

    private static byte[] sha1(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        return sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    }
}
