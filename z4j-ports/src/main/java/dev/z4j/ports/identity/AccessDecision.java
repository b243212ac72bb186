package dev.z4j.ports.identity;

import dev.z4j.ports.support.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization policy's answer: allowed, or denied with why. A denial is one of: nobody is signed in
 * ({@link Denial#UNAUTHENTICATED}); the project does not exist for this principal ({@link Denial#NOT_FOUND}, the same
 * answer whether it is unknown or the principal is not a member); or the principal's standing is too low
 * ({@link Denial#FORBIDDEN}, with what it has and what it needs).
 */
public record AccessDecision(boolean allowed, Optional<Denial> denial, String reason, Optional<String> have,
                             Optional<String> need) {

    public enum Denial { UNAUTHENTICATED, NOT_FOUND, FORBIDDEN }

    public AccessDecision {
        Objects.requireNonNull(denial, "denial");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(have, "have");
        Objects.requireNonNull(need, "need");
        if (allowed == denial.isPresent()) {
            throw new IllegalArgumentException("a decision is either allowed or has a denial");
        }
    }

    public static AccessDecision allow(String reason) {
        return new AccessDecision(true, Optional.empty(), reason, Optional.empty(), Optional.empty());
    }

    public static AccessDecision deny(Denial denial, String reason) {
        return new AccessDecision(false, Optional.of(denial), reason, Optional.empty(), Optional.empty());
    }

    public static AccessDecision forbidden(String reason, String have, String need) {
        return new AccessDecision(false, Optional.of(Denial.FORBIDDEN), reason, Optional.of(have), Optional.of(need));
    }

    /**
     * Throws the matching {@link Refusal} when denied.
     *
     * @param what how the target is named in a not-found message, such as {@code project 'ops'}
     */
    public void orThrow(String what) {
        if (allowed) {
            return;
        }
        switch (denial.orElseThrow()) {
            case UNAUTHENTICATED -> throw Refusal.unauthenticated(reason, "authentication required");
            case NOT_FOUND -> throw Refusal.notFound("not_found", what + " not found");
            case FORBIDDEN -> {
                Map<String, Object> details = new LinkedHashMap<>();
                have.ifPresent(h -> details.put("have", h));
                need.ifPresent(n -> details.put("need", n));
                throw Refusal.forbidden(reason, "role '" + have.orElse("none") + "' is not sufficient (need at least '"
                        + need.orElse("?") + "')", details);
            }
        }
    }
}
