package dev.z4j.ports.ingest;

import java.util.Locale;
import java.util.Optional;

/** A task's state as stored and shown (upstream's names). Success, failure and revoked are terminal. */
public enum TaskState {
    PENDING, RECEIVED, STARTED, SUCCESS, FAILURE, RETRY, REVOKED, REJECTED, UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }

    /** Empty when {@code wire} names no state. */
    public static Optional<TaskState> fromWire(String wire) {
        for (TaskState state : values()) {
            if (state.wire().equals(wire)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
