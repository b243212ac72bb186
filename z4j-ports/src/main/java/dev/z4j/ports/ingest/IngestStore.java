package dev.z4j.ports.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Out-port: the rows ingestion writes. Every method joins the caller's transaction and writes its whole list with
 * one statement per table (split only where a database limits the parameters of one statement), never one
 * statement per row. Lists hold at most one row per id.
 */
public interface IngestStore {

    /** Inserts the events whose id is not stored yet and returns the ids it inserted (duplicates are skipped). */
    Set<UUID> insertEvents(List<EventRow> events);

    /** Creates or merges each task row by the rules of {@link TaskChange}; {@code now} stamps created/updated. */
    void upsertTasks(List<TaskChange> changes, Instant now);

    void upsertWorkers(List<WorkerChange> changes, Instant now);

    void upsertQueues(List<QueueChange> changes, Instant now);

    void appendAgentStatus(List<AgentStatusRow> rows);

    /**
     * Deletes at most {@code limit} events whose id sorts below {@code boundary} (event ids begin with the time the
     * event occurred, so these are the oldest); returns how many.
     */
    int pruneEvents(UUID boundary, int limit);

    /** Deletes at most {@code limit} agent status reports captured before {@code cutoff}; returns how many. */
    int pruneAgentStatus(Instant cutoff, int limit);

    /** {@code agent_status_history}: one agent self-report. */
    record AgentStatusRow(UUID projectId, UUID agentId, Instant capturedAt, String payloadJson) {
        public AgentStatusRow {
            java.util.Objects.requireNonNull(projectId, "projectId");
            java.util.Objects.requireNonNull(agentId, "agentId");
            java.util.Objects.requireNonNull(capturedAt, "capturedAt");
            java.util.Objects.requireNonNull(payloadJson, "payloadJson");
        }
    }
}
