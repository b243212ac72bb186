package dev.z4j.ports.ingest;

/** In-port: what ingestion has done since the brain started, for {@code /metrics}. */
public interface IngestStatistics {

    Totals totals();

    /**
     * @param batchesCommitted event batches committed (and so acknowledged)
     * @param batchesFailed    event batches whose commit failed (not acknowledged; the agent sends them again)
     * @param eventsReceived   events in committed batches
     * @param eventsAccepted   events newly stored by committed batches
     * @param eventsRejected   malformed events and duplicates of stored ones
     * @param queuedEvents     events waiting for the writer now
     */
    record Totals(long batchesCommitted, long batchesFailed, long eventsReceived, long eventsAccepted,
                  long eventsRejected, long queuedEvents) {
    }
}
