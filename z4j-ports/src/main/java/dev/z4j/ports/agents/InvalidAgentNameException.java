package dev.z4j.ports.agents;

/** An agent name must be 1..200 characters after trimming, without control characters. */
public final class InvalidAgentNameException extends IllegalArgumentException {

    public InvalidAgentNameException(String reason) {
        super(reason);
    }
}
