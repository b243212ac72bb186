package dev.z4j.ports.ingest;

/** In-port: event retention ({@code Z4J_EVENT_RETENTION_DAYS}); tasks keep their final state. */
public interface EventRetention {

    /**
     * Deletes events, and agent status reports, older than the retention, in small transactions so ingestion keeps
     * its turn at the database; returns how many rows went.
     */
    long prune();
}
