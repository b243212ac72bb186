package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.Optional;

/** In-port: prepares the first-boot setup while no owner exists. */
public interface FirstBoot {

    /** Mints a fresh single-use setup token when no owner exists (burning any earlier one); empty otherwise. */
    Optional<SetupInvitation> inviteFirstOwner();

    /** The plaintext token exists only here, once; {@code url} is {@code <public_url>/setup?token=...}. */
    record SetupInvitation(String url, Instant expiresAt) {
        @Override
        public String toString() {
            return "SetupInvitation[expiresAt=" + expiresAt + "]";
        }
    }
}
