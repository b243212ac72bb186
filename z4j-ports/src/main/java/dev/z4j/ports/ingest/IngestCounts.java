package dev.z4j.ports.ingest;

/**
 * What {@code event_batch_ack} reports: events received, newly stored (accepted), and the rest (rejected:
 * malformed, or duplicates of events already stored).
 */
public record IngestCounts(int received, int accepted, int rejected) {

    public IngestCounts {
        if (received < 0 || accepted < 0 || rejected < 0 || accepted + rejected != received) {
            throw new IllegalArgumentException("counts must be non-negative with accepted + rejected = received");
        }
    }
}
