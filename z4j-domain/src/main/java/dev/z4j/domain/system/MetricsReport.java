package dev.z4j.domain.system;

import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.ingest.IngestStatistics;
import dev.z4j.ports.system.AgentsOnline;
import dev.z4j.ports.system.BrainMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The brain's figures: the audit chain's last verification, agents online, and ingestion counters. A broken or
 * unverifiable chain is {@code z4j_audit_chain_ok 0}: both need an operator (docs/operations.md, "Metrics").
 */
public final class MetricsReport implements BrainMetrics {

    private final AuditTrail audit;
    private final AgentsOnline agentsOnline;
    private final IngestStatistics ingest;

    public MetricsReport(AuditTrail audit, AgentsOnline agentsOnline, IngestStatistics ingest) {
        this.audit = audit;
        this.agentsOnline = agentsOnline;
        this.ingest = ingest;
    }

    @Override
    public List<Metric> collect() {
        List<Metric> metrics = new ArrayList<>();
        Optional<VerificationStatus> verified = audit.lastVerification();
        verified.ifPresent(status -> {
            metrics.add(Metric.of("z4j_audit_chain_ok", Kind.GAUGE,
                    "1 when the last verification found the audit chain intact, 0 when broken or unverifiable",
                    status.intact() ? 1 : 0));
            metrics.add(Metric.of("z4j_audit_last_verified_timestamp_seconds", Kind.GAUGE,
                    "when the audit chain was last verified (Unix time)", status.finishedAt().getEpochSecond()));
        });
        agentsOnline.count().ifPresent(count -> metrics.add(Metric.of("z4j_agents_online", Kind.GAUGE,
                "agents connected now", count)));
        IngestStatistics.Totals totals = ingest.totals();
        metrics.add(Metric.of("z4j_event_batches_committed_total", Kind.COUNTER,
                "event batches committed and acknowledged", totals.batchesCommitted()));
        metrics.add(Metric.of("z4j_event_batches_failed_total", Kind.COUNTER,
                "event batches whose commit failed (not acknowledged)", totals.batchesFailed()));
        metrics.add(Metric.of("z4j_events_received_total", Kind.COUNTER,
                "events in committed batches", totals.eventsReceived()));
        metrics.add(Metric.of("z4j_events_ingested_total", Kind.COUNTER,
                "events newly stored", totals.eventsAccepted()));
        metrics.add(Metric.of("z4j_events_rejected_total", Kind.COUNTER,
                "events rejected as malformed or as duplicates", totals.eventsRejected()));
        metrics.add(Metric.of("z4j_ingest_queue_events", Kind.GAUGE,
                "events waiting for the ingest writer", totals.queuedEvents()));
        return metrics;
    }
}
