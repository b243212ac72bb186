package dev.z4j.app.bench;

import dev.z4j.app.Z4jBrain;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Login benchmark (docs/performance.md, "Login"): a real embedded brain on SQLite with the default Argon2 cost
 * (64 MiB, 3 iterations, parallelism 4), signing in over HTTP.
 *
 * <ol>
 *   <li>latency of one sign-in at a time (p50 / p99);</li>
 *   <li>sustained sign-ins per second with 1, 2, 4, 8 and 16 concurrent clients, and how many were refused as busy;</li>
 *   <li>while 16 clients sign in flat out, the latency of a cheap request ({@code GET /api/v1/health}), standing in for
 *       agent traffic, against the same request on an idle brain.</li>
 * </ol>
 *
 * Run with {@code bench/login.sh [seconds-per-step]}.
 */
public final class LoginBenchmark {

    private static final String PASSWORD = "violet-harbour-lantern-7";

    private LoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path home = Files.createTempDirectory("z4j-login-bench");
        try (Z4jBrain brain = Z4jBrain.builder().home(home).secret("login-benchmark-secret-0123456789-abcdefgh")
                .bind("127.0.0.1", 0).build().start()) {
            int port = brain.port();
            String token = brain.setupInvitation().orElseThrow().url().replaceFirst(".*token=", "");
            HttpResponse<String> setup = new Browser(port).post("/api/v1/setup/complete", Json.object("token", token,
                    "email", "bench@example.test", "password", PASSWORD));
            if (setup.statusCode() != 200) {
                throw new IllegalStateException("setup failed: " + setup.body());
            }
            System.out.printf(Locale.ROOT, "cores %d, Argon2id m=65536 KiB t=3 p=4, hashing slots %d%n",
                    Runtime.getRuntime().availableProcessors(),
                    Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

            for (int i = 0; i < 5; i++) {
                login(port);
            }
            List<Long> sequential = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                long start = System.nanoTime();
                login(port);
                sequential.add(System.nanoTime() - start);
            }
            System.out.printf(Locale.ROOT, "one at a time: p50 %.0f ms, p99 %.0f ms (60 sign-ins)%n",
                    ms(percentile(sequential, 50)), ms(percentile(sequential, 99)));

            for (int clients : new int[] {1, 2, 4, 8, 16}) {
                Load load = load(port, clients, seconds);
                System.out.printf(Locale.ROOT, "%2d clients: %5.1f sign-ins/s, p50 %5.0f ms, p99 %5.0f ms, "
                                + "%d refused busy (503)%n", clients, load.ok / (double) seconds,
                        ms(percentile(load.latencies, 50)), ms(percentile(load.latencies, 99)), load.busy);
            }

            List<Long> idle = pings(port, 300);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 16; i++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        login(port);
                    }
                    return null;
                });
            }
            Thread.sleep(2000);
            List<Long> loaded = pings(port, 300);
            stop.set(true);
            pool.shutdown();
            System.out.printf(Locale.ROOT, "GET /api/v1/health: idle p50 %.1f ms p99 %.1f ms; under 16 signing-in "
                            + "clients p50 %.1f ms p99 %.1f ms%n", ms(percentile(idle, 50)), ms(percentile(idle, 99)),
                    ms(percentile(loaded, 50)), ms(percentile(loaded, 99)));
        }
    }

    private record Load(int ok, int busy, List<Long> latencies) {
    }

    private static Load load(int port, int clients, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    int status = login(port);
                    if (status == 200) {
                        ok.incrementAndGet();
                        latencies.add(System.nanoTime() - start);
                    } else if (status == 503) {
                        busy.incrementAndGet();
                    } else {
                        throw new IllegalStateException("sign-in answered " + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return new Load(ok.get(), busy.get(), latencies);
    }

    private static List<Long> pings(int port, int count) {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Http.statusOf(port, "/api/v1/health");
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    private static int login(int port) {
        return new Browser(port).post("/api/v1/auth/login", Json.object("email", "bench@example.test",
                "password", PASSWORD)).statusCode();
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
