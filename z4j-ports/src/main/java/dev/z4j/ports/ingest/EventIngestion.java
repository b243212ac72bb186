package dev.z4j.ports.ingest;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * In-port: stores what agents stream (events into tasks, workers, queues and the event log; heartbeat health;
 * status reports).
 */
public interface EventIngestion {

    /**
     * Queues the batch for the brain's single ingest writer. The future completes once the batch is durably
     * committed (only then may it be acknowledged), or exceptionally when it could not be. Re-sent batches are
     * idempotent. Blocks while the brain's ingest queue is full: that wait is the back-pressure the gateway
     * passes on to the agents by not reading their sockets.
     */
    CompletableFuture<IngestCounts> submit(EventBatch batch);

    /** {@link #submit} and wait for the commit. */
    default IngestCounts ingest(EventBatch batch) {
        try {
            return submit(batch).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The project's events-per-second budget: {@link Duration#ZERO} when {@code events} may be submitted now (they
     * are taken from the budget), else how long to wait before asking again. Nothing is dropped or refused: a caller
     * that must wait keeps the events where they are (the agent's buffer).
     */
    Duration admit(UUID projectId, int events);

    /** A heartbeat's adapter health (queue depths, worker details); stored when the ingest queue has room. */
    void engineHealth(EngineHealth report);

    /** An {@code agent_status} self-report, kept as history; stored when the ingest queue has room. */
    void agentStatus(AgentStatusReport report);
}
