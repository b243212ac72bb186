package dev.z4j.ports.identity;

import java.util.Optional;

/** In-port: signing in and out, and turning a session cookie into a principal. */
public interface Authentication {

    /**
     * Checks the credentials and opens a session. Every failure (unknown email, wrong password, deactivated user)
     * is the same {@code invalid_credentials} refusal after the same work; too many failures from the caller's IP
     * or for the account give {@code THROTTLED} with a retry-after.
     *
     * @throws dev.z4j.ports.support.Refusal UNAUTHENTICATED {@code invalid_credentials}, THROTTLED, BUSY
     */
    SignedIn login(Caller caller, String email, String password);

    /**
     * The live session for a cookie value, refreshing its idle timer (at most one write a minute per session);
     * empty when unknown, revoked, expired, idle, issued before a password change, or its user is inactive.
     */
    Optional<Authenticated> authenticate(String sessionToken);

    /** Revokes the caller's session. */
    void logout(Caller caller);
}
