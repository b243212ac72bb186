package dev.z4j.app.commands;

import dev.z4j.adapter.jdbc.agents.JdbcAgentLivenessStore;
import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.commands.JdbcCommandStore;
import dev.z4j.adapter.jdbc.ingest.JdbcTaskReadStore;
import dev.z4j.adapter.jdbc.projects.JdbcMembershipStore;
import dev.z4j.adapter.jdbc.projects.JdbcProjectStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.app.system.LocalChangeFeed;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.domain.commands.CommandDispatcher;
import dev.z4j.domain.projects.ProjectCatalog;
import dev.z4j.ports.commands.AgentChannel;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.commands.CommandReply;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command path without the network (docs/performance.md, "Commands"): the real dispatcher on the real store and
 * audit chain. Issuing threads call {@code issue} as REST handlers do (authorize, store, audit, claim, push); a
 * responder thread answers each pushed command with {@code finished} as the gateway does for a result. Prints
 * completed lifecycles per second, issue latency p50/p99, and how long the timeout sweep takes for N expired
 * commands.
 *
 * <pre>
 * java -cp ... dev.z4j.app.commands.CommandBenchmark [sqlite|postgresql] [seconds, 15] [issuing threads, 4]
 * </pre>
 */
public final class CommandBenchmark {

    private static final SecretKeys SECRETS = SecretKeys.of(Secret.ofText("benchmark-secret-of-at-least-32-bytes-0123"),
            List.of());

    private CommandBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String dialect = args.length > 0 ? args[0] : "sqlite";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (Database db = dialect.equals("sqlite") ? TestDatabases.sqlite() : TestDatabases.postgres()) {
            UUID project = UUID.randomUUID();
            UUID agent = UUID.randomUUID();
            Instant now = Instant.now();
            db.write(h -> {
                h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                        + "VALUES (:id, 'bench', 'Bench', :active, :now, :now)").bind("id", project)
                        .bind("active", true).bind("now", now).execute();
                return h.createUpdate("INSERT INTO agents (id, project_id, name, created_at) VALUES (:id, :project, "
                        + "'bench', :now)").bind("id", agent).bind("project", project).bind("now", now).execute();
            });
            LinkedBlockingQueue<AgentCommand> pushed = new LinkedBlockingQueue<>();
            AgentChannel channel = new AgentChannel() {
                @Override
                public boolean deliver(AgentCommand command) {
                    return pushed.offer(command);
                }

                @Override
                public boolean reachable(UUID agentId) {
                    return true;
                }
            };
            AuditChain audit = new AuditChain(new JdbcAuditLog(db), db, SECRETS, Clock.systemUTC());
            ProjectCatalog projects = new ProjectCatalog(new JdbcProjectStore(db), new JdbcMembershipStore(db), audit,
                    db, Clock.systemUTC());
            CommandDispatcher commands = new CommandDispatcher(new JdbcCommandStore(db), new JdbcTaskReadStore(db),
                    new JdbcAgentLivenessStore(db), projects, audit, channel, new LocalChangeFeed(), db,
                    Clock.systemUTC(), Duration.ofSeconds(60));
            Caller operator = Caller.cli("bench");

            AtomicLong completed = new AtomicLong();
            Thread responder = new Thread(() -> {
                try {
                    while (true) {
                        AgentCommand command = pushed.take();
                        commands.finished(project, agent, command.id(), new CommandReply(true,
                                Optional.of(Map.of("new_task_id", "n")), Optional.empty()));
                        completed.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-responder");
            responder.setDaemon(true);
            responder.start();

            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            long deadline = start + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    int i = 0;
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        commands.issue(operator, "bench", "retry-task", Map.of("agent_id", agent.toString(),
                                "engine", "celery", "task_id", "t-" + Thread.currentThread().getId() + "-" + i++));
                        latencies.add(System.nanoTime() - t0);
                    }
                    return latencies;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<List<Long>> worker : workers) {
                latencies.addAll(worker.get());
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            while (!pushed.isEmpty()) {
                Thread.sleep(10);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            Collections.sort(latencies);
            System.out.printf("%s: %d issued, %d completed in %.1f s = %.0f lifecycles/s (%.0f per CPU-second); "
                            + "issue p50 %.2f ms p99 %.2f ms; %d issuing threads; load average %.1f%n",
                    dialect, latencies.size(), completed.get(), elapsed, completed.get() / elapsed,
                    completed.get() / cpu, latencies.get(latencies.size() / 2) / 1e6,
                    latencies.get((int) (latencies.size() * 0.99)) / 1e6, threads,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            int pending = 2_000;
            Instant old = Instant.now().minusSeconds(3600);
            db.write(h -> {
                for (int i = 0; i < pending; i++) {
                    h.createUpdate("INSERT INTO commands (id, project_id, agent_id, issuer_type, action, target_type, "
                                    + "payload, status, issued_at, timeout_at) VALUES (:id, :project, :agent, 'cli', "
                                    + "'retry_task', 'task', :payload, 'pending', :at, :at)")
                            .bind("id", UUID.randomUUID()).bind("project", project).bind("agent", agent)
                            .bind("payload", dev.z4j.adapter.jdbc.support.JsonText.of(Map.of())).bind("at", old)
                            .execute();
                }
                return null;
            });
            long s0 = System.nanoTime();
            int expired = commands.sweepTimeouts();
            System.out.printf("%s: the timeout sweep moved %d expired commands (one audit row each) in %.0f ms%n",
                    dialect, expired, (System.nanoTime() - s0) / 1e6);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
