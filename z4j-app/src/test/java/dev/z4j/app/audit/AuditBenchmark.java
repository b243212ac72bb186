package dev.z4j.app.audit;

import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationRequest;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Audit chain figures for docs/performance.md: append rate with one writer (one transaction per row, and rows
 * batched per transaction) and {@code audit verify} over a large chain, on SQLite and the embedded PostgreSQL 17.
 * Peak heap during the walk is sampled to show memory does not grow with the row count. Not a test: a main class
 * (see docs/performance.md for the command). Arguments: {@code [rows to verify, default 1000000] [sqlite|postgresql|both]}.
 */
public final class AuditBenchmark {

    private static final Secret SECRET = Secret.ofText("benchmark-secret-0123456789-abcdefghijklmnop");
    /** A secret that did not sign the chain: its walk checks links and readability only (UNVERIFIABLE). */
    private static final Secret OTHER_SECRET = Secret.ofText("another-secret-0123456789-abcdefghijklmnop");
    private static final int SINGLE_ROWS = 5_000;
    private static final int BATCH = 10_000;

    private AuditBenchmark() {
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        String which = args.length > 1 ? args[1] : "both";
        System.out.printf(Locale.ROOT, "audit benchmark: %,d rows to verify; %s; %d cores; java %s; max heap %d MiB%n",
                rows, which, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        if (!which.equals("postgresql")) {
            run("sqlite", TestDatabases.sqlite(), rows);
        }
        if (!which.equals("sqlite")) {
            run("postgresql", TestDatabases.postgres(), rows);
        }
        System.exit(0);
    }

    private static void run(String name, Database database, long rows) {
        try (database) {
            AuditChain chain = new AuditChain(new JdbcAuditLog(database), database, SecretKeys.of(SECRET, List.of()),
                    Clock.systemUTC());
            UUID agent = UUID.randomUUID();
            long start = System.nanoTime();
            long cpu = processCpu();
            for (int i = 0; i < SINGLE_ROWS; i++) {
                chain.record(entry(agent, i));
            }
            report(name, "record, one transaction per row", SINGLE_ROWS, System.nanoTime() - start, processCpu() - cpu);

            long loaded = SINGLE_ROWS;
            start = System.nanoTime();
            cpu = processCpu();
            while (loaded < rows) {
                long from = loaded;
                int n = (int) Math.min(BATCH, rows - loaded);
                database.inTransaction(() -> {
                    for (int i = 0; i < n; i++) {
                        chain.record(entry(agent, from + i));
                    }
                });
                loaded += n;
            }
            report(name, "record, " + BATCH + " rows per transaction", loaded - SINGLE_ROWS, System.nanoTime() - start,
                    processCpu() - cpu);

            for (int round = 1; round <= 2; round++) {
                verify(name, "verify round " + round, chain);
            }
            verify(name, "verify without the signing key", new AuditChain(new JdbcAuditLog(database), database,
                    SecretKeys.of(OTHER_SECRET, List.of()), Clock.systemUTC()));
        }
    }

    /** One walk of the whole chain, with its rate and the heap sampled during it. */
    private static void verify(String name, String label, AuditChain chain) {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        long cpu = processCpu();
        VerificationReport result = chain.verify(VerificationRequest.wholeChain());
        long elapsed = System.nanoTime() - start;
        long used = processCpu() - cpu;
        sampler.interrupt();
        report(name, label + " (" + result.summary() + ")", result.rowsWalked(), elapsed, used);
        System.out.printf(Locale.ROOT, "  %-10s heap before walk %d MiB, peak during walk %d MiB%n", name,
                before >> 20, peak.get() >> 20);
    }

    private static AuditEntry entry(UUID agent, long i) {
        return AuditEntry.of(Actor.agent(agent), "task.retry", "task", "celery-" + i)
                .withProject(agent).withRequest("203.0.113." + (i % 250), "z4j-agent/1.6.9 (celery)")
                .withMetadata(Map.of("attempt", i % 5, "queue", "default", "reason", "operator retry"));
    }

    /** CPU time of this JVM, all threads: on a machine shared with other work, rows per CPU-second is the steadier figure. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String name, String what, long rows, long nanos, long cpuNanos) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "  %-10s %-58s %,12d rows in %7.2f s = %,10.0f rows/s (%,10.0f rows per CPU-second"
                + " of this JVM; load average %.1f)%n", name, what, rows, seconds, rows / seconds, rows / (cpuNanos / 1e9),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
