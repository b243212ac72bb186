package dev.z4j.ports.identity;

import dev.z4j.ports.audit.AuditEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal plus where the request came from: what every in-port of identity and projects takes, so it can
 * authorize and audit in one place.
 *
 * @param sourceIp  the client IP (trusted proxies already resolved), empty for the CLI
 * @param userAgent the client's User-Agent, truncated, when known
 */
public record Caller(Principal principal, Optional<String> sourceIp, Optional<String> userAgent) {

    public static final int MAX_USER_AGENT = 256;

    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sourceIp, "sourceIp");
        userAgent = Objects.requireNonNull(userAgent, "userAgent")
                .map(ua -> ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua);
    }

    public static Caller of(Principal principal, String sourceIp, String userAgent) {
        return new Caller(principal, Optional.ofNullable(sourceIp).filter(s -> !s.isBlank()),
                Optional.ofNullable(userAgent).filter(s -> !s.isBlank()));
    }

    public static Caller cli(String osUser) {
        return new Caller(new Principal.Cli(Optional.ofNullable(osUser).filter(s -> !s.isBlank())), Optional.empty(),
                Optional.empty());
    }

    /** The brain acting on its own (first-boot token, environment bootstrap). */
    public static Caller brain() {
        return new Caller(new Principal.Brain(), Optional.empty(), Optional.empty());
    }

    /** An audit entry by this caller for {@code action} on {@code targetType}/{@code targetId}, with request context. */
    public AuditEntry audit(String action, String targetType, String targetId) {
        return AuditEntry.of(principal.actor(), action, targetType, targetId)
                .withRequest(sourceIp.orElse(null), userAgent.orElse(null));
    }

    /** The signed-in user, when the principal is one. */
    public Optional<Principal.User> user() {
        return principal instanceof Principal.User u ? Optional.of(u) : Optional.empty();
    }
}
