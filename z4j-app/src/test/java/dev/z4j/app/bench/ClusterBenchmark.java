package dev.z4j.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.Json;
import dev.z4j.app.testing.Z4jProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Command latency across replicas (docs/performance.md, "Scale-out"): two {@code z4j serve} processes on one
 * PostgreSQL, one agent connected to replica A. Issues N commands one after another through A (same replica) and
 * through B (across the cluster bus) and reports, for each path, the p50/p99 of the time from the issuing request to
 * the {@code command} frame at the agent, and of the round trip until the agent's result shows the command completed
 * through the issuing replica.
 *
 * <pre>
 * mvn -B -q -DskipTests test-compile dependency:build-classpath -pl z4j-app -am -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench.classpath
 * java -cp "z4j-app/target/test-classes:z4j-app/target/classes:$(cat z4j-app/target/bench.classpath)" \
 *     dev.z4j.app.bench.ClusterBenchmark [commands per path, 200]
 * </pre>
 */
public final class ClusterBenchmark {

    private static final String SECRET = "cluster-benchmark-secret-0123456789-abcdefgh";
    private static final String PASSWORD = "violet-harbour-lantern-7";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path tmp = Files.createTempDirectory("z4j-cluster-bench");
        DatabaseUrl database = TestDatabases.postgresUrl();
        String url = "postgresql://" + database.user().orElseThrow() + ":" + database.password().orElseThrow() + "@"
                + database.location();
        Z4jProcess.Result migrated = z4j(tmp.resolve("operator"), url).run("migrate", "--yes");
        if (migrated.exitCode() != 0) {
            throw new IllegalStateException(migrated.toString());
        }
        int portA = Z4jProcess.freePort();
        int portB = Z4jProcess.freePort();
        try (Z4jProcess.Running a = serve(tmp.resolve("a"), url, portA);
             Z4jProcess.Running b = serve(tmp.resolve("b"), url, portB)) {
            Browser ownerA = ready(portA, a);
            Browser ownerB = ready(portB, b);
            check(ownerA.post("/api/v1/projects", Json.object("slug", "ops", "name", "Ops")), 201);
            JsonNode minted = Json.parse(check(ownerA.post("/api/v1/projects/ops/agents",
                    Json.object("name", "bench")), 201).body());
            String agentId = minted.get("agent").get("id").asText();
            try (TestAgent agent = TestAgent.connect(URI.create("http://127.0.0.1:" + portA),
                    minted.get("token").asText()).withHmacSecret(minted.get("hmac_secret").asText())) {
                agent.hello();
                System.out.printf(Locale.ROOT, "cores %d, %d commands per path, one agent on replica A%n",
                        Runtime.getRuntime().availableProcessors(), commands);
                measure("warm-up", ownerA, ownerA, agent, agentId, 20);
                measure("warm-up", ownerB, ownerB, agent, agentId, 20);
                report("issued through A (same replica)", measure("a", ownerA, ownerA, agent, agentId, commands));
                report("issued through B (across the bus)", measure("b", ownerB, ownerB, agent, agentId, commands));
            }
        }
    }

    /** Issue-to-frame and round-trip latencies in nanoseconds. */
    private static long[][] measure(String prefix, Browser issuer, Browser reader, TestAgent agent, String agentId,
                                    int count) {
        long[] toFrame = new long[count];
        long[] roundTrip = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            String id = Json.parse(check(issuer.post("/api/v1/projects/ops/commands/retry-task",
                    Json.object("agent_id", agentId, "engine", "demo", "task_id", prefix + "-" + i)), 202).body())
                    .get("id").asText();
            Frame frame = agent.awaitFrame("command", WAIT);
            toFrame[i] = System.nanoTime() - start;
            if (!frame.id().equals(id)) {
                throw new IllegalStateException("expected command " + id + ", got " + frame.id());
            }
            agent.sendSigned("command_ack", id, Map.of());
            Map<String, Object> result = new HashMap<>();
            result.put("status", "success");
            result.put("result", Map.of());
            result.put("error", null);
            agent.sendSigned("command_result", id, result);
            Z4jProcess.await("command " + id + " completed", WAIT, () -> Json.parse(reader.get(
                    "/api/v1/projects/ops/commands/" + id).body()).get("status").asText().equals("completed"));
            roundTrip[i] = System.nanoTime() - start;
        }
        return new long[][] {toFrame, roundTrip};
    }

    private static void report(String path, long[][] latencies) {
        System.out.printf(Locale.ROOT, "%-34s issue->frame p50 %6.1f ms p99 %6.1f ms; round trip p50 %6.1f ms "
                        + "p99 %6.1f ms%n", path, percentile(latencies[0], 50), percentile(latencies[0], 99),
                percentile(latencies[1], 50), percentile(latencies[1], 99));
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static Z4jProcess z4j(Path home, String url) {
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Path secrets = home.resolve("secret.env");
            Files.writeString(secrets, "Z4J_SECRET=" + SECRET + "\n");
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Z4jProcess.inHome(home).env("Z4J_DATABASE_URL", url);
    }

    private static Z4jProcess.Running serve(Path home, String url, int port) {
        return z4j(home, url).env("Z4J_AUTO_MIGRATE", "false").env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_BOOTSTRAP_ADMIN_EMAIL", "owner@example.test")
                .env("Z4J_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD)
                .start("serve");
    }

    private static Browser ready(int port, Z4jProcess.Running process) {
        Browser probe = new Browser(port);
        Z4jProcess.await("replica on " + port + " is ready", Duration.ofSeconds(120), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("replica exited:\n" + process.stderr());
            }
            try {
                return probe.get("/api/v1/health/ready").statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        Browser owner = new Browser(port);
        check(owner.post("/api/v1/auth/login", Json.object("email", "owner@example.test", "password", PASSWORD)), 200);
        return owner;
    }

    private static HttpResponse<String> check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }
}
