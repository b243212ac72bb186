package dev.z4j.adapter.ws.agents;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** What every connection of one gateway shares. */
record GatewayContext(GatewaySettings settings, AgentConnections registry, FrameRouter router, Executor dispatcher,
                      Clock clock, Supplier<String> nonces) {
}
