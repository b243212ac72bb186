package dev.z4j.adapter.ws.agents;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What every connection of one gateway shares.
 *
 * @param timer         wakes connections whose project must wait for its events budget
 * @param waitingEvents the events of verified batches waiting in the connections' queues, gateway-wide: a reading
 *                      thread takes permits before it queues a batch and waits while there are none, so what paced or
 *                      slowly committed agents make the brain hold is bounded however many of them connect
 */
record GatewayContext(GatewaySettings settings, AgentConnections registry, FrameRouter router, Executor dispatcher,
                      ScheduledExecutorService timer, Clock clock, Supplier<String> nonces, Semaphore waitingEvents) {

    /**
     * Events waiting for dispatch across all connections: one largest batch. Ingestion's own queue (20,000 events)
     * is what keeps the writer busy; this only has to keep the dispatchers fed.
     */
    static final int MAX_WAITING_EVENTS = 5_000;

    GatewayContext(GatewaySettings settings, AgentConnections registry, FrameRouter router, Executor dispatcher,
                   ScheduledExecutorService timer, Clock clock, Supplier<String> nonces) {
        this(settings, registry, router, dispatcher, timer, clock, nonces, new Semaphore(MAX_WAITING_EVENTS, true));
    }
}
