package dev.z4j.ports.agents;

import dev.z4j.ports.audit.Actor;
import java.util.Objects;
import java.util.Optional;

/** Who asks for a credential change and from where: what its audit row records. */
public record ChangeOrigin(Actor actor, Optional<String> sourceIp, Optional<String> userAgent) {

    public ChangeOrigin {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    public static ChangeOrigin of(Actor actor) {
        return new ChangeOrigin(actor, Optional.empty(), Optional.empty());
    }
}
