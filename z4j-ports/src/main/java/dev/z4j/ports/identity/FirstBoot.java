package dev.z4j.ports.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** In-port: the first-boot setup that creates the first owner and project while no owner exists. */
public interface FirstBoot {

    /** Mints a fresh single-use setup token when no active owner exists (burning any earlier one); empty otherwise. */
    Optional<SetupInvitation> inviteFirstOwner(Caller caller);

    /** True while no active owner exists. */
    boolean awaitingFirstOwner();

    /**
     * Checks a setup token without using it; failures count against the caller's IP like failed completions.
     *
     * @throws dev.z4j.ports.support.Refusal NOT_FOUND {@code invalid_token} (unknown or used), EXPIRED
     *         {@code expired}, CONFLICT {@code already_initialised}
     */
    void checkToken(Caller caller, String token);

    /**
     * Creates the first owner and project, burns the token and signs the owner in, all in one transaction: of two
     * concurrent completions exactly one succeeds. Failures are refused as {@link #checkToken}, or INVALID for the
     * form; they leave the token usable (and are audited as {@code setup.attempt}).
     */
    SetupCompleted complete(Caller caller, SetupRequest request);

    /**
     * Creates the first owner (and a first project when none exists) from operator-provided credentials, for a
     * headless install; does nothing when an active owner exists.
     */
    Optional<User> bootstrap(Caller caller, String email, String password);

    /** The plaintext token exists only here, once; {@code url} is {@code <public_url>/setup?token=...}. */
    record SetupInvitation(String url, Instant expiresAt) {
        @Override
        public String toString() {
            return "SetupInvitation[expiresAt=" + expiresAt + "]";
        }
    }

    /** @param password plaintext; never logged or audited */
    record SetupRequest(String token, String email, String displayName, String password, String projectName) {
        @Override
        public String toString() {
            return "SetupRequest[email=" + email + ", projectName=" + projectName + "]";
        }
    }

    record SetupCompleted(SignedIn signedIn, UUID projectId, String projectSlug) {
    }
}
