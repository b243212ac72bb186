package dev.z4j.app.bench;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest load generator (docs/performance.md, "Ingest"): a real brain ({@code z4j serve} in a child JVM, on SQLite
 * or on PostgreSQL 17 with {@code synchronous_commit=on}), N protocol v2 agents over real WebSockets, each streaming
 * realistic task lifecycles ({@code task.received}, {@code task.started}, {@code task.succeeded}) in batches of B
 * events with up to 16 batches unacknowledged. Reports acknowledged events per second (every acknowledged event is
 * committed: the brain acks after commit, and the run checks the database holds at least that many), the p50/p99
 * latency from sending a batch to its ack, the events per CPU-second of the brain's process (what the code costs,
 * whatever else runs on the machine; PostgreSQL's own processes are not counted) and the load average.
 *
 * <pre>
 * bench/ingest.sh [sqlite|postgresql|both] [seconds per run] [agents,...] [batch,...] [events/s for the paced run]
 * </pre>
 *
 * Each run gets a fresh brain and database ({@code Z4J_BENCH_BRAIN_OPTS} adds JVM options to it, e.g. a JFR
 * recording). The events budget is off ({@code Z4J_RATELIMIT_EVENTS_PER_SECOND=0}): the
 * figure is the brain's, not the budget's. A last run per database paces 10 agents at a fixed rate (default half the
 * target) to measure latency below saturation.
 */
public final class IngestBenchmark {

    private static final String SECRET = "ingest-benchmark-secret-0123456789-abcdefgh";
    private static final String PASSWORD = "violet-harbour-lantern-7";
    private static final int WINDOW = 16;
    private static final int WARMUP_SECONDS = 5;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String databases = args.length > 0 ? args[0] : "both";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] agentCounts = ints(args.length > 2 ? args[2] : "1,10,100");
        int[] batchSizes = ints(args.length > 3 ? args[3] : "1,100");
        int pacedRate = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int replicas = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        System.out.printf(Locale.ROOT, "cores %d, %d s per run after %d s warm-up, window %d batches per agent%n",
                Runtime.getRuntime().availableProcessors(), seconds, WARMUP_SECONDS, WINDOW);
        if (replicas > 1 && !databases.equals("postgresql")) {
            throw new IllegalArgumentException("several replicas share one PostgreSQL: run with postgresql");
        }
        for (String database : databases.equals("both") ? List.of("sqlite", "postgresql") : List.of(databases)) {
            for (int agents : agentCounts) {
                for (int batch : batchSizes) {
                    report(database, agents, batch, 0, run(database, agents, batch, seconds, 0, replicas));
                }
            }
            int rate = pacedRate > 0 ? pacedRate : database.equals("sqlite") ? 12_500 : 7_500;
            report(database, 10, 100, rate, run(database, 10, 100, seconds, rate, replicas));
        }
    }

    /** What a run measured. */
    record Result(double eventsPerSecond, double p50Millis, double p99Millis, long acked, long stored,
                  String loadAverage, double eventsPerBrainCpuSecond) {
    }

    private static void report(String database, int agents, int batch, int rate, Result r) {
        System.out.printf(Locale.ROOT, "%-10s agents %3d batch %3d %s: %8.0f events/s acked+committed, "
                        + "ack p50 %6.1f ms, p99 %7.1f ms; %6.0f events per brain CPU-second; stored %d >= acked %d: "
                        + "%s; load average %s%n", database, agents, batch,
                rate > 0 ? String.format(Locale.ROOT, "paced %6d/s", rate) : "flat out    ", r.eventsPerSecond(),
                r.p50Millis(), r.p99Millis(), r.eventsPerBrainCpuSecond(), r.stored(), r.acked(),
                r.stored() >= r.acked() ? "ok" : "LOST", r.loadAverage());
    }

    /** One run; with several replicas (PostgreSQL only) the agents are spread over them round-robin. */
    private static Result run(String database, int agents, int batch, int seconds, int rate, int replicas)
            throws Exception {
        Path home = Files.createTempDirectory("z4j-ingest-bench");
        EmbeddedPostgres postgres = null;
        List<String> env = new ArrayList<>(List.of("Z4J_HOME=" + home, "Z4J_SECRET=" + SECRET,
                "Z4J_BOOTSTRAP_ADMIN_EMAIL=bench@example.test", "Z4J_BOOTSTRAP_ADMIN_PASSWORD=" + PASSWORD,
                "Z4J_ARGON2_MEMORY_KIB=1024", "Z4J_ARGON2_ITERATIONS=1", "Z4J_ARGON2_PARALLELISM=1",
                "Z4J_RATELIMIT_EVENTS_PER_SECOND=0", "Z4J_LOG_FORMAT=text"));
        String jdbc;
        if (database.equals("postgresql")) {
            postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on").setServerConfig("max_connections", "50").start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench");
            }
            jdbc = "jdbc:postgresql://localhost:" + postgres.getPort() + "/bench?user=postgres&password=postgres";
            env.add("Z4J_DATABASE_URL=" + jdbc);
        } else {
            jdbc = "jdbc:sqlite:" + home.resolve("z4j.db");
        }
        List<Process> brains = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        List<TestAgent> connected = new ArrayList<>();
        try {
            for (int r = 0; r < replicas; r++) {
                Path replicaHome = r == 0 ? home : Files.createDirectories(home.resolve("replica-" + r));
                List<String> replicaEnv = new ArrayList<>(env);
                replicaEnv.set(0, "Z4J_HOME=" + replicaHome);
                int replicaPort = freePort();
                replicaEnv.add("Z4J_BIND_PORT=" + replicaPort);
                Process replica = startBrain(replicaEnv, replicaHome.resolve("brain.log"));
                brains.add(replica);
                ports.add(replicaPort);
                awaitReady(replicaPort, replica);
            }
            int port = ports.get(0);
            Browser owner = new Browser(port);
            HttpResponse<String> login = owner.post("/api/v1/auth/login", Json.object("email", "bench@example.test",
                    "password", PASSWORD));
            if (login.statusCode() != 200) {
                throw new IllegalStateException("login failed: " + login.body());
            }
            String slug = Json.parse(owner.get("/api/v1/projects").body()).get(0).get("slug").asText();
            for (int i = 0; i < agents; i++) {
                HttpResponse<String> minted = owner.post("/api/v1/projects/" + slug + "/agents",
                        Json.object("name", "bench-" + i));
                var body = Json.parse(minted.body());
                TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + ports.get(i % replicas)),
                                body.get("token").asText())
                        .withHmacSecret(body.get("hmac_secret").asText());
                agent.hello(TestAgent.standardHello("bench-" + i));
                connected.add(agent);
            }
            Load load = new Load(batch, rate > 0 ? rate / (double) agents / batch : 0);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < connected.size(); i++) {
                threads.addAll(load.drive(connected.get(i), i / (double) connected.size()));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(WARMUP_SECONDS));
            load.measuring.set(true);
            long start = System.nanoTime();
            double cpuAtStart = cpuSeconds(brains);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            load.measuring.set(false);
            double brainCpu = cpuSeconds(brains) - cpuAtStart;
            double elapsed = (System.nanoTime() - start) / 1e9;
            String loadAverage = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
            load.stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            long stored = count(jdbc);
            List<Long> latencies = new ArrayList<>(load.latencies);
            Collections.sort(latencies);
            return new Result(load.measuredEvents.sum() / elapsed, percentile(latencies, 50) / 1e6,
                    percentile(latencies, 99) / 1e6, load.ackedEvents.sum(), stored, loadAverage,
                    load.measuredEvents.sum() / brainCpu);
        } finally {
            for (TestAgent agent : connected) {
                agent.close();
            }
            for (Process brain : brains) {
                brain.destroy();
                brain.waitFor(60, TimeUnit.SECONDS);
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** The traffic of one run: each agent a sender and a receiver thread. */
    private static final class Load {
        final int batch;
        final double batchesPerSecondPerAgent;
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        final LongAdder ackedEvents = new LongAdder();
        final LongAdder measuredEvents = new LongAdder();
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        Load(int batch, double batchesPerSecondPerAgent) {
            this.batch = batch;
            this.batchesPerSecondPerAgent = batchesPerSecondPerAgent;
        }

        /**
         * Streams batches from one agent. Paced agents send at the same rate but out of phase ({@code phase}, a
         * fraction of the interval), as independent workers do: agents started in step would send their batches in
         * bursts, and the figure would measure the burst.
         */
        List<Thread> drive(TestAgent agent, double phase) {
            Semaphore window = new Semaphore(WINDOW);
            Map<String, long[]> sent = new ConcurrentHashMap<>();
            AtomicLong sentBatches = new AtomicLong();
            Thread sender = new Thread(() -> {
                IngestPathBenchmark.Lifecycles lifecycles = new IngestPathBenchmark.Lifecycles();
                long interval = batchesPerSecondPerAgent > 0 ? (long) (1e9 / batchesPerSecondPerAgent) : 0;
                long next = System.nanoTime() + (long) (phase * interval);
                while (!stop.get()) {
                    try {
                        if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        if (interval > 0) {
                            next += interval;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    List<Map<String, Object>> events = lifecycles.next(batch);
                    String id = "ev_" + Long.toHexString(sentBatches.incrementAndGet()) + "_"
                            + UUID.randomUUID().toString().substring(0, 8);
                    sent.put(id, new long[] {System.nanoTime(), events.size()});
                    agent.sendSigned("event_batch", id, Map.of("events", events));
                }
            }, "bench-sender");
            Thread receiver = new Thread(() -> {
                while (!stop.get() || !sent.isEmpty()) {
                    Frame frame;
                    try {
                        frame = agent.awaitFrame("event_batch_ack", Duration.ofSeconds(10));
                    } catch (AssertionError e) {
                        // a saturated brain may take longer than that per round trip: only give up once stopped
                        if (stop.get() || agent.isClosed()) {
                            return;
                        }
                        continue;
                    }
                    long[] batchSent = sent.remove((String) frame.payload().get("acked_id"));
                    if (batchSent == null) {
                        continue;
                    }
                    long accepted = ((Number) frame.payload().get("accepted")).longValue();
                    ackedEvents.add(accepted);
                    if (measuring.get()) {
                        measuredEvents.add(accepted);
                        latencies.add(System.nanoTime() - batchSent[0]);
                    }
                    window.release();
                }
            }, "bench-receiver");
            sender.setDaemon(true);
            receiver.setDaemon(true);
            sender.start();
            receiver.start();
            return List.of(sender, receiver);
        }
    }

    private static Process startBrain(List<String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        String extra = System.getenv("Z4J_BENCH_BRAIN_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", productClassPath(), "dev.z4j.app.Main", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("Z4J_"));
        for (String pair : env) {
            int eq = pair.indexOf('=');
            builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return builder.start();
    }

    private static void awaitReady(int port, Process brain) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (Http.statusOf(port, "/api/v1/health/ready") != 200) {
            if (!brain.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the brain did not start; see its log in the benchmark's home");
            }
            Thread.sleep(100);
        }
    }

    /**
     * CPU time (user + system) the process has used, from /proc: on a machine shared with other work, events per
     * CPU-second of the brain says more about the code than events per wall-clock second.
     */
    /** CPU seconds (user + system) the brain processes have used so far. */
    private static double cpuSeconds(List<Process> brains) throws IOException {
        double total = 0;
        for (Process brain : brains) {
            String stat = Files.readString(Path.of("/proc", Long.toString(brain.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        }
        return total;
    }

    private static long count(String jdbc) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM events")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String productClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
