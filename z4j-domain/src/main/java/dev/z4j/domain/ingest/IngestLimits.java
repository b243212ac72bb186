package dev.z4j.domain.ingest;

/**
 * The bounds of ingestion.
 *
 * @param eventsPerSecondPerProject each project's budget ({@code Z4J_RATELIMIT_EVENTS_PER_SECOND}); 0 for none
 * @param maxQueuedEvents           events waiting for the writer, brain-wide; a full queue makes submitters wait
 * @param maxEventsPerCommit        how many queued events one transaction takes at most
 */
public record IngestLimits(int eventsPerSecondPerProject, int maxQueuedEvents, int maxEventsPerCommit) {

    public static final int MAX_BATCH_EVENTS = 5000;

    public IngestLimits {
        if (eventsPerSecondPerProject < 0) {
            throw new IllegalArgumentException("eventsPerSecondPerProject cannot be negative");
        }
        if (maxQueuedEvents < MAX_BATCH_EVENTS || maxEventsPerCommit < 1) {
            throw new IllegalArgumentException("the ingest queue must hold at least one largest batch ("
                    + MAX_BATCH_EVENTS + " events) and a commit at least one event");
        }
    }

    /** 20,000 events queued (about a second of work), 2,000 per commit. */
    public static IngestLimits defaults(int eventsPerSecondPerProject) {
        return new IngestLimits(eventsPerSecondPerProject, 20_000, 2_000);
    }
}
