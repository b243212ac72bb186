package dev.z4j.ports.ingest;

/** In-port: stores an agent's events (tasks, workers, queues, the event log). */
public interface EventIngestion {

    /**
     * Stores the batch in one transaction and returns once it is durably committed: only then may the gateway
     * acknowledge it. Re-sent batches are idempotent. Throws when nothing could be committed.
     */
    IngestCounts ingest(EventBatch batch);
}
