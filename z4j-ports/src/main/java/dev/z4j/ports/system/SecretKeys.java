package dev.z4j.ports.system;

import java.util.List;
import java.util.Optional;

/**
 * Out-port: the master secrets. {@link #current()} signs and mints everything new; {@link #previous()} are kept only
 * to verify what older secrets signed (audit rows), never to sign.
 */
public interface SecretKeys {

    Secret current();

    List<Secret> previous();

    /** The current or a previous secret whose {@link Secret#keyId()} is {@code keyId}. */
    default Optional<Secret> byKeyId(String keyId) {
        if (current().keyId().equals(keyId)) {
            return Optional.of(current());
        }
        return previous().stream().filter(s -> s.keyId().equals(keyId)).findFirst();
    }

    static SecretKeys of(Secret current, List<Secret> previous) {
        List<Secret> copy = List.copyOf(previous);
        return new SecretKeys() {
            @Override
            public Secret current() {
                return current;
            }

            @Override
            public List<Secret> previous() {
                return copy;
            }
        };
    }
}
