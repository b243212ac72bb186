package dev.z4j.ports.audit;

/**
 * A retention pass: rows {@code 1..prunedThroughSeq} (those still stored) were deleted after the anchor row
 * {@code audit.pruned} at {@code anchorSeq} recorded where the chain now starts.
 */
public record PruneReport(long anchorSeq, long prunedThroughSeq, long prunedRows) {
}
