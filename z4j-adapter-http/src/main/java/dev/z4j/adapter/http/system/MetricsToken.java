package dev.z4j.adapter.http.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The bearer token {@code /metrics} requires ({@code Z4J_METRICS_AUTH_TOKEN}); never printed. */
public final class MetricsToken {

    private final byte[] token;

    private MetricsToken(byte[] token) {
        this.token = token;
    }

    /** No token configured: {@code /metrics} refuses every request. */
    public static MetricsToken none() {
        return new MetricsToken(null);
    }

    public static MetricsToken of(Optional<String> token) {
        return token.filter(t -> !t.isBlank())
                .map(t -> new MetricsToken(t.getBytes(StandardCharsets.UTF_8)))
                .orElseGet(MetricsToken::none);
    }

    boolean configured() {
        return token != null;
    }

    /** Constant-time comparison with the presented token. */
    boolean matches(String presented) {
        return token != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return configured() ? "MetricsToken[configured]" : "MetricsToken[none]";
    }
}
