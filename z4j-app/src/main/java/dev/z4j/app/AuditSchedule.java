package dev.z4j.app;

import dev.z4j.ports.audit.AuditTrail;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.ClusterLeadership;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log's background work in a running brain: a full verification every
 * {@code Z4J_AUDIT_VERIFY_INTERVAL_SECONDS} (the first one when the last recorded run, by any process, is that old),
 * and retention every hour when {@code Z4J_AUDIT_RETENTION_DAYS} is set. With several replicas only the cluster's
 * leader at the time of a run does it. One daemon thread; a failure is logged and the next run still happens.
 */
final class AuditSchedule implements AutoCloseable {

    static final Duration RETENTION_PERIOD = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(AuditSchedule.class);

    private final AuditTrail audit;
    private final ClusterLeadership leadership;
    private final Clock clock;
    private final Duration verifyInterval;
    private final int retentionDays;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "z4j-audit-schedule");
        thread.setDaemon(true);
        return thread;
    });

    AuditSchedule(AuditTrail audit, ClusterLeadership leadership, Clock clock, Duration verifyInterval,
                  int retentionDays) {
        this.audit = audit;
        this.leadership = leadership;
        this.clock = clock;
        this.verifyInterval = verifyInterval;
        this.retentionDays = retentionDays;
    }

    void start() {
        if (!verifyInterval.isZero()) {
            executor.scheduleWithFixedDelay(this::verify, firstVerificationDelay().toMillis(),
                    verifyInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (retentionDays > 0) {
            executor.scheduleWithFixedDelay(this::prune, 0, RETENTION_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Duration firstVerificationDelay() {
        Optional<Instant> last = audit.lastVerification().map(VerificationStatus::finishedAt);
        if (last.isEmpty()) {
            return Duration.ZERO;
        }
        Duration due = Duration.between(clock.instant(), last.get().plus(verifyInterval));
        return due.isNegative() ? Duration.ZERO : due;
    }

    private void verify() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            VerificationReport report = audit.verify(VerificationRequest.wholeChain());
            if (report.outcome() == VerificationReport.Outcome.INTACT) {
                LOG.info("scheduled audit verification: {}", report.summary());
            } else {
                LOG.error("scheduled audit verification: {}{}; run `z4j audit verify` and see the incident "
                        + "playbook", report.summary(), report.chainBreak().map(b -> ", " + b.field() + " expected "
                        + b.expected() + " got " + b.got()).orElse(""));
            }
        } catch (RuntimeException e) {
            LOG.error("scheduled audit verification could not run: {}", e.getMessage());
        }
    }

    private void prune() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            Instant cutoff = clock.instant().minus(Duration.ofDays(retentionDays));
            audit.pruneBefore(cutoff).ifPresent(report -> LOG.info("audit retention: pruned {} rows older than {} "
                    + "days (through row {}), anchor row {}", report.prunedRows(), retentionDays,
                    report.prunedThroughSeq(), report.anchorSeq()));
        } catch (RuntimeException e) {
            LOG.error("audit retention could not run: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
