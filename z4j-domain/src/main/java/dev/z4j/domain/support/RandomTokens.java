package dev.z4j.domain.support;

import java.security.SecureRandom;
import java.util.Base64;

/** Random tokens as unpadded base64url, like Python's {@code secrets.token_urlsafe(n)}. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    public static String urlSafe(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
