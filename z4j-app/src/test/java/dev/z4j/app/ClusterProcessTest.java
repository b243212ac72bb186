package dev.z4j.app;

import static dev.z4j.app.OpsHomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.app.testing.Browser;
import dev.z4j.app.testing.Json;
import dev.z4j.app.testing.Z4jProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real brain processes ({@code z4j serve}) on one PostgreSQL, migrated once by {@code z4j migrate} and started
 * with {@code Z4J_AUTO_MIGRATE=false}, as {@code docs/deployment.md} says to run them. Replica A starts first and
 * leads; the last test kills it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTest {

    static final String PASSWORD = "violet-harbour-lantern-7";
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;
    static DatabaseUrl database;
    static String url;
    static Z4jProcess cli;
    static final List<Replica> replicas = new ArrayList<>();

    /** One brain process, its port, and its owner's signed-in browser. */
    record Replica(String name, int port, Z4jProcess.Running process, Browser owner) {
        URI uri() {
            return URI.create("http://127.0.0.1:" + port);
        }
    }

    @BeforeAll
    static void startCluster() {
        database = TestDatabases.postgresUrl();
        url = "postgresql://" + database.user().orElseThrow() + ":" + database.password().orElseThrow() + "@"
                + database.location();
        cli = Z4jProcess.inHome(OpsHomes.withSecrets(tmp.resolve("operator"))).env("Z4J_DATABASE_URL", url);
        ok(cli, "migrate", "--yes");
        for (String name : List.of("a", "b", "c")) {
            replicas.add(start(name));
        }
        HttpResponse<String> project = replicas.get(0).owner().post("/api/v1/projects",
                Json.object("slug", "ops", "name", "Ops"));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
    }

    static Replica start(String name) {
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = Z4jProcess.inHome(OpsHomes.withSecrets(tmp.resolve(name)))
                .env("Z4J_DATABASE_URL", url)
                .env("Z4J_AUTO_MIGRATE", "false")
                .env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_AGENT_OFFLINE_TIMEOUT_SECONDS", "5")
                .env("Z4J_BOOTSTRAP_ADMIN_EMAIL", "owner@example.test")
                .env("Z4J_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        Z4jProcess.Running process = z4j.start("serve");
        Browser probe = new Browser(port);
        Z4jProcess.await("replica " + name + " is ready", STARTUP, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("replica " + name + " exited:\n" + process.stdout() + process.stderr());
            }
            try {
                return probe.get("/api/v1/health/ready").statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        Browser owner = new Browser(port);
        HttpResponse<String> login = owner.post("/api/v1/auth/login",
                Json.object("email", "owner@example.test", "password", PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return new Replica(name, port, process, owner);
    }

    @AfterAll
    static void stopCluster() {
        replicas.forEach(replica -> replica.process().close());
    }

    static Replica replica(String name) {
        return replicas.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static JsonNode mint(Replica through, String name) {
        HttpResponse<String> response = through.owner().post("/api/v1/projects/ops/agents", Json.object("name", name));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    static TestAgent connect(Replica to, JsonNode minted) throws Exception {
        TestAgent agent = TestAgent.connect(to.uri(), minted.get("token").asText())
                .withHmacSecret(minted.get("hmac_secret").asText());
        agent.hello();
        return agent;
    }

    static void revoke(Replica through, JsonNode minted) {
        HttpResponse<String> revoked = through.owner().post("/api/v1/projects/ops/agents/"
                + minted.get("agent").get("id").asText() + "/revoke", "{}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
    }

    static JsonNode statusReplicas() {
        return Json.parse(ok(cli, "status", "--json").stdout()).get("replicas");
    }

    static String replicaId(Replica replica) {
        return StreamSupport.stream(statusReplicas().spliterator(), false)
                .filter(r -> r.get("port").asInt() == replica.port() && r.get("running").asBoolean())
                .map(r -> r.get("id").asText()).findFirst().orElseThrow();
    }

    static long terminateBackends(String applicationName) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user().orElseThrow(),
                database.password().orElseThrow()); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM "
                     + "pg_stat_activity WHERE datname = current_database() AND application_name = '"
                     + applicationName + "') t")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    @Order(1)
    void status_and_the_system_api_list_every_replica_and_one_leads() {
        Z4jProcess.Result status = ok(cli, "status");
        for (Replica replica : replicas) {
            assertThat(status.stdout()).containsPattern("\\n    [0-9a-f]{16}  \\S+:" + replica.port() + " pid \\d+  \\S+  "
                    + "(leader, )?running \\(seen ");
        }
        JsonNode listed = statusReplicas();
        assertThat(listed).hasSize(3);
        assertThat(StreamSupport.stream(listed.spliterator(), false).filter(r -> r.get("leader").asBoolean()))
                .as("exactly one leader, the first replica started")
                .singleElement().satisfies(r -> assertThat(r.get("port").asInt()).isEqualTo(replica("a").port()));

        JsonNode system = Json.parse(replica("c").owner().get("/api/v1/health/system").body());
        assertThat(system.get("replicas")).hasSize(3);
    }

    @Test
    @Order(2)
    void revoking_through_b_closes_the_agents_session_on_a_within_one_heartbeat() throws Exception {
        JsonNode minted = mint(replica("b"), "revoked-across");
        try (TestAgent agent = connect(replica("a"), minted)) {
            revoke(replica("b"), minted);

            assertThat(agent.awaitClose(HEARTBEAT).code()).isEqualTo(4003);
        }
    }

    @Test
    @Order(2)
    void revoking_with_the_operator_cli_closes_the_agents_session_on_a_replica() throws Exception {
        JsonNode minted = mint(replica("a"), "revoked-by-cli");
        try (TestAgent agent = connect(replica("b"), minted)) {
            ok(cli, "agents", "revoke", "revoked-by-cli", "--project", "ops");

            assertThat(agent.awaitClose(HEARTBEAT).code()).isEqualTo(4003);
        }
    }

    @Test
    @Order(3)
    void a_command_issued_through_b_reaches_the_agent_on_a_and_its_result_shows_through_c() throws Exception {
        JsonNode minted = mint(replica("b"), "commanded-across");
        String agentId = minted.get("agent").get("id").asText();
        try (TestAgent agent = connect(replica("a"), minted)) {
            HttpResponse<String> issued = replica("b").owner().post("/api/v1/projects/ops/commands/retry-task",
                    Json.object("agent_id", agentId, "engine", "demo", "task_id", "t-across"));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
            String id = Json.parse(issued.body()).get("id").asText();

            assertThat(agent.awaitFrame("command", HEARTBEAT).id()).isEqualTo(id);
            agent.sendSigned("command_ack", id, Map.of());
            Map<String, Object> result = new HashMap<>();
            result.put("status", "success");
            result.put("result", Map.of("new_task_id", "t-again"));
            result.put("error", null);
            agent.sendSigned("command_result", id, result);

            Z4jProcess.await("C shows the command completed", HEARTBEAT, () -> Json.parse(replica("c").owner()
                    .get("/api/v1/projects/ops/commands/" + id).body()).get("status").asText().equals("completed"));
        }
    }

    @Test
    @Order(3)
    void a_bus_connection_terminated_and_restored_loses_no_revocation() throws Exception {
        Replica a = replica("a");
        JsonNode minted = mint(replica("c"), "revoked-during-gap");
        try (TestAgent agent = connect(a, minted)) {
            assertThat(terminateBackends("z4j-bus-" + replicaId(a))).isEqualTo(1);
            revoke(replica("c"), minted);

            assertThat(agent.awaitClose(HEARTBEAT).code()).isEqualTo(4003);
        }
        Z4jProcess.await("A's bus reconnected", HEARTBEAT, () -> a.process().stderr().contains(
                "cluster bus reconnected after"));
    }

    @Test
    @Order(4)
    void concurrent_audited_actions_on_every_replica_form_one_chain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> created = new ArrayList<>();
            for (Replica replica : replicas) {
                for (int thread = 0; thread < 2; thread++) {
                    String prefix = replica.name() + thread;
                    created.add(pool.submit(() -> {
                        int statusSum = 0;
                        for (int i = 0; i < 8; i++) {
                            statusSum += replica.owner().post("/api/v1/projects",
                                    Json.object("slug", "p-" + prefix + "-" + i, "name", "P " + prefix + i)).statusCode();
                        }
                        return statusSum;
                    }));
                }
            }
            for (Future<Integer> future : created) {
                assertThat(future.get()).as("8 projects created").isEqualTo(8 * 201);
            }
        } finally {
            pool.shutdownNow();
        }

        Z4jProcess.Result verify = ok(cli, "audit", "verify");
        assertThat(verify.stdout()).containsPattern("z4j audit verify: OK \\(walked \\d+ rows, chain intact\\)");
    }

    @Test
    @Order(5)
    void when_the_leader_is_killed_another_replica_takes_over_the_sweeps_and_its_agents_commands() throws Exception {
        Replica a = replica("a");
        JsonNode minted = mint(replica("b"), "orphaned");
        TestAgent agent = connect(a, minted);
        assertThat(agentState(replica("b"), "orphaned")).isEqualTo("online");

        a.process().kill();
        a.process().await(STARTUP);
        agent.close();
        HttpResponse<String> issued = replica("c").owner().post("/api/v1/projects/ops/commands/retry-task",
                Json.object("agent_id", minted.get("agent").get("id").asText(), "engine", "demo", "task_id", "t-9"));
        assertThat(issued.statusCode()).as("A's rows count until it is presumed dead: " + issued.body())
                .isEqualTo(202);

        Z4jProcess.await("b or c leads", Duration.ofSeconds(30), () -> replicas.stream()
                .filter(r -> r != a).anyMatch(r -> r.process().stderr().contains("now leads the cluster")));
        Z4jProcess.await("the new leader's offline sweep marks the agent A held offline", Duration.ofSeconds(30),
                () -> agentState(replica("c"), "orphaned").equals("offline"));
        Z4jProcess.await("status shows the new leader", Duration.ofSeconds(30), () -> StreamSupport.stream(
                statusReplicas().spliterator(), false).anyMatch(r -> r.get("leader").asBoolean()
                && r.get("port").asInt() != a.port()));

        try (TestAgent reconnected = connect(replica("b"), minted)) {
            assertThat(reconnected.awaitFrame("command", HEARTBEAT).id()).as("the command issued while its replica "
                    + "was dead is pushed when the agent reconnects elsewhere")
                    .isEqualTo(Json.parse(issued.body()).get("id").asText());
        }
    }

    static String agentState(Replica through, String name) {
        JsonNode listed = Json.parse(through.owner().get("/api/v1/projects/ops/agents").body());
        return StreamSupport.stream(listed.spliterator(), false).filter(n -> n.get("name").asText().equals(name))
                .map(n -> n.get("state").asText()).findFirst().orElseThrow();
    }
}
