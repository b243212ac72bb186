package dev.z4j.adapter.ws.agents;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What every connection of one gateway shares.
 *
 * @param timer wakes connections whose project must wait for its events budget
 */
record GatewayContext(GatewaySettings settings, AgentConnections registry, FrameRouter router, Executor dispatcher,
                      ScheduledExecutorService timer, Clock clock, Supplier<String> nonces) {
}
