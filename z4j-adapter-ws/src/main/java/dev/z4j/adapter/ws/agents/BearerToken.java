package dev.z4j.adapter.ws.agents;

import java.util.Locale;
import java.util.Optional;

/** {@code Authorization: Bearer <token>} as upstream reads it: trimmed, exactly two parts, scheme in any case. */
final class BearerToken {

    private BearerToken() {
    }

    static Optional<String> from(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = parts[1].strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
