package dev.z4j.ports.agents;

import java.util.Locale;

/** Whether an agent is connected: never yet ({@code unknown}), {@code online}, or {@code offline}. */
public enum AgentState {
    UNKNOWN, ONLINE, OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgentState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
