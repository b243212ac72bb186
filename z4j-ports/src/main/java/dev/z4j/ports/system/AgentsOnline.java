package dev.z4j.ports.system;

import java.util.OptionalLong;

/**
 * Out-port: how many agents are connected now, for {@code status} and {@code /api/v1/health/system}. The agents
 * feature provides it; until it is wired, {@link #NOT_TRACKED} reports "unknown".
 */
public interface AgentsOnline {

    AgentsOnline NOT_TRACKED = OptionalLong::empty;

    OptionalLong count();
}
