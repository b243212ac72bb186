package dev.z4j.adapter.ws.agents.bench;

import dev.z4j.adapter.ws.agents.GatewaySettings;
import dev.z4j.adapter.ws.agents.testing.GatewayServer;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.adapter.ws.agents.testing.WireFakes.Enrolled;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection capacity of the agent gateway: handshake rate and heap per connected agent.
 *
 * <p>Starts the gateway (over the wire fakes: no database) in a child JVM with a fixed heap, connects N protocol v2
 * agents (the JDK-client {@link TestAgent}) with C handshakes in flight, keeps every agent heart-beating at the
 * protocol's 10 s cadence, and measures the child's heap after a full GC before and after.
 *
 * <pre>
 * java -Xmx4g -cp ... dev.z4j.adapter.ws.agents.bench.AgentCapacityBenchmark [agents] [concurrency] [holdSeconds] [serverHeap]
 * </pre>
 */
public final class AgentCapacityBenchmark {

    private AgentCapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("server")) {
            serve(Integer.parseInt(args[1]), Path.of(args[2]));
            return;
        }
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int holdSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String serverHeap = args.length > 3 ? args[3] : "512m";
        drive(agents, concurrency, holdSeconds, serverHeap);
    }

    private static void drive(int agents, int concurrency, int holdSeconds, String serverHeap) throws Exception {
        Path credentials = Files.createTempFile("z4j-agents", ".txt");
        Process server = new ProcessBuilder(javaBinary(), "-Xms" + serverHeap, "-Xmx" + serverHeap,
                "-cp", System.getProperty("java.class.path"), AgentCapacityBenchmark.class.getName(),
                "server", Integer.toString(agents), credentials.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of(System.getProperty("java.io.tmpdir"), "z4j-capacity-server.log").toFile())).start();
        BufferedReader fromServer = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        PrintStream toServer = new PrintStream(server.getOutputStream(), true, StandardCharsets.UTF_8);
        URI uri = URI.create("http://127.0.0.1:" + expect(fromServer, "PORT"));
        long baseline = heap(toServer, fromServer);
        List<String[]> enrolled = Files.readAllLines(credentials).stream().map(l -> l.split(" ")).toList();

        List<TestAgent> connected = new ArrayList<>(agents);
        long[] handshakeNanos = new long[agents];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<TestAgent>> pending = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            int index = i;
            pending.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                TestAgent agent = TestAgent.connect(uri, enrolled.get(index)[0]).withHmacSecret(enrolled.get(index)[1]);
                agent.hello();
                handshakeNanos[index] = System.nanoTime() - t0;
                return agent;
            }));
        }
        for (Future<TestAgent> f : pending) {
            connected.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(4);
        AtomicInteger beats = new AtomicInteger();
        for (int i = 0; i < agents; i++) {
            TestAgent agent = connected.get(i);
            heartbeats.scheduleAtFixedRate(() -> {
                if (!agent.isClosed()) {
                    agent.sendHeartbeat();
                    beats.incrementAndGet();
                }
            }, (i * 10_000L) / agents, 10_000, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
        long loaded = heap(toServer, fromServer);
        long rssKib = Long.parseLong(expect(toServer, fromServer, "rss", "RSS"));
        long closed = connected.stream().filter(TestAgent::isClosed).count();

        Arrays.sort(handshakeNanos);
        double perAgent = (double) (loaded - baseline) / agents;
        System.out.printf(Locale.ROOT, "agents connected:        %d (closed during the hold: %d), heartbeats sent: %d%n",
                agents, closed, beats.get());
        System.out.printf(Locale.ROOT, "handshakes:              %.0f/s with %d in flight (connect + hello + hello_ack);"
                        + " p50 %.1f ms, p99 %.1f ms%n", agents / seconds, concurrency,
                handshakeNanos[agents / 2] / 1e6, handshakeNanos[(int) (agents * 0.99)] / 1e6);
        System.out.printf(Locale.ROOT, "server heap after GC:    %.1f MiB idle, %.1f MiB with the agents (-Xmx%s); RSS %.0f MiB%n",
                baseline / 1048576.0, loaded / 1048576.0, serverHeap, rssKib / 1024.0);
        System.out.printf(Locale.ROOT, "heap per agent:          %.1f KiB, so %.0f agents per GiB of heap%n",
                perAgent / 1024, (1L << 30) / perAgent);
        toServer.println("quit");
        server.waitFor(30, TimeUnit.SECONDS);
        heartbeats.shutdownNow();
        Files.deleteIfExists(credentials);
        System.exit(closed == 0 ? 0 : 1);
    }

    private static void serve(int agents, Path credentials) throws Exception {
        GatewaySettings defaults = GatewaySettings.defaults("bench", Duration.ofSeconds(10));
        GatewaySettings settings = new GatewaySettings(defaults.brainVersion(), defaults.heartbeatInterval(),
                defaults.maxFrameBytes(), defaults.maxBatchEvents(), defaults.helloTimeout(), defaults.idleTimeout(),
                defaults.pingInterval(), Integer.MAX_VALUE, defaults.maxWorkersPerAgent(), defaults.inboundQueueFrames(),
                defaults.maxOutgoingFrames(), defaults.dispatchThreads(), defaults.shutdownGrace(),
                defaults.presenceSweep(), defaults.maxLongPollBodyBytes());
        try (GatewayServer server = new GatewayServer(settings)) {
            List<String> lines = new ArrayList<>(agents);
            for (int i = 0; i < agents; i++) {
                Enrolled agent = server.credentials.enroll();
                lines.add(agent.token() + " " + agent.hmacSecret());
            }
            Files.write(credentials, lines);
            System.out.println("PORT " + server.uri().getPort());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = commands.readLine()) != null && !command.equals("quit")) {
                if (command.equals("heap")) {
                    System.gc();
                    System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                } else if (command.equals("rss")) {
                    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                            .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: 0 kB");
                    System.out.println("RSS " + rss.replaceAll("\\D", ""));
                }
            }
        }
    }

    private static long heap(PrintStream to, BufferedReader from) throws Exception {
        return Long.parseLong(expect(to, from, "heap", "HEAP"));
    }

    private static String expect(PrintStream to, BufferedReader from, String command, String prefix) throws Exception {
        to.println(command);
        return expect(from, prefix);
    }

    private static String expect(BufferedReader from, String prefix) throws Exception {
        String line;
        while ((line = from.readLine()) != null) {
            if (line.startsWith(prefix + " ")) {
                return line.substring(prefix.length() + 1).trim();
            }
        }
        throw new IllegalStateException("the server exited before answering " + prefix);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
