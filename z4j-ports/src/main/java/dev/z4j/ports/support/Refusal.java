package dev.z4j.ports.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-port refuses a request: the caller asked for something that is not allowed, does not exist, conflicts with
 * the current state, or is malformed. Nothing was changed. The message is one line an operator or API client can act
 * on and never contains a secret; {@code reason} is a stable machine-readable code; adapters map {@link Kind} to
 * their own vocabulary (HTTP status, CLI exit code).
 */
public final class Refusal extends RuntimeException {

    public enum Kind {
        /** The input breaks a rule (bad value, weak password). */
        INVALID,
        /** No usable credentials. */
        UNAUTHENTICATED,
        /** Signed in, but the role is too low. */
        FORBIDDEN,
        /** Unknown, or invisible to this caller (indistinguishable on purpose). */
        NOT_FOUND,
        /** The current state forbids it (duplicate, last owner, already set up). */
        CONFLICT,
        /** It existed but is no longer valid (an expired link). */
        EXPIRED,
        /** Too many attempts; try again after {@link #retryAfter()}. */
        THROTTLED,
        /** The brain is saturated right now; try again shortly. */
        BUSY
    }

    private final Kind kind;
    private final String reason;
    private final Map<String, Object> details;
    private final Optional<Duration> retryAfter;

    public Refusal(Kind kind, String reason, String message, Map<String, Object> details, Optional<Duration> retryAfter) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.putIfAbsent("reason", reason);
        this.details = java.util.Collections.unmodifiableMap(copy);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static Refusal invalid(String reason, String message, Map<String, Object> details) {
        return new Refusal(Kind.INVALID, reason, message, details, Optional.empty());
    }

    public static Refusal invalid(String reason, String message) {
        return invalid(reason, message, Map.of());
    }

    public static Refusal unauthenticated(String reason, String message) {
        return new Refusal(Kind.UNAUTHENTICATED, reason, message, Map.of(), Optional.empty());
    }

    public static Refusal forbidden(String reason, String message, Map<String, Object> details) {
        return new Refusal(Kind.FORBIDDEN, reason, message, details, Optional.empty());
    }

    public static Refusal notFound(String reason, String message) {
        return new Refusal(Kind.NOT_FOUND, reason, message, Map.of(), Optional.empty());
    }

    public static Refusal conflict(String reason, String message) {
        return new Refusal(Kind.CONFLICT, reason, message, Map.of(), Optional.empty());
    }

    public static Refusal expired(String reason, String message) {
        return new Refusal(Kind.EXPIRED, reason, message, Map.of(), Optional.empty());
    }

    public static Refusal throttled(String reason, String message, Duration retryAfter) {
        return new Refusal(Kind.THROTTLED, reason, message, Map.of("retry_after_seconds", seconds(retryAfter)),
                Optional.of(retryAfter));
    }

    public static Refusal busy(String reason, String message, Duration retryAfter) {
        return new Refusal(Kind.BUSY, reason, message, Map.of(), Optional.of(retryAfter));
    }

    /** Whole seconds, rounded up, at least 1: what a {@code Retry-After} header carries. */
    public static long seconds(Duration duration) {
        long whole = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, whole);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    /** Always holds {@code reason}; never a secret. */
    public Map<String, Object> details() {
        return details;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
