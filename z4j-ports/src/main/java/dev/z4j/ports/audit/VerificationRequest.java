package dev.z4j.ports.audit;

import dev.z4j.ports.system.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to verify: from the start of the chain or from a checkpoint, with extra previous secrets besides the
 * configured ones (e.g. from {@code --previous-secret-file}).
 */
public record VerificationRequest(Optional<AuditCheckpoint> fromCheckpoint, List<Secret> extraSecrets) {
    public VerificationRequest {
        Objects.requireNonNull(fromCheckpoint, "fromCheckpoint");
        extraSecrets = List.copyOf(extraSecrets);
    }

    public static VerificationRequest wholeChain() {
        return new VerificationRequest(Optional.empty(), List.of());
    }
}
