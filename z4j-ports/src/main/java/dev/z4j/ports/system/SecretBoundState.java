package dev.z4j.ports.system;

/**
 * Out-port: state derived from {@code Z4J_SECRET} that a secret rotation must end (pending setup tokens, user
 * sessions, agent credentials, API tokens). The composition root hands the rotation every implementation it has.
 */
public interface SecretBoundState {

    /** What this is, in the plural, as the operator reads it: "pending setup tokens". */
    String description();

    /** Ends all of it inside the rotation's transaction; returns how many items were ended. */
    long invalidate();
}
