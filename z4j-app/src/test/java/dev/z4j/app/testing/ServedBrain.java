package dev.z4j.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The real {@code z4j serve} in a child JVM on a SQLite home, with a first owner and project from
 * {@code Z4J_BOOTSTRAP_ADMIN_*}: for tests that kill the brain, flood it or run it for a while. Agents are minted
 * over REST by the owner and connect over real WebSockets; what was stored is read straight from the database file.
 */
public final class ServedBrain implements AutoCloseable {

    public static final String OWNER_EMAIL = "streams@example.test";
    public static final String PASSWORD = "violet-harbour-lantern-7";
    private static final Duration START_BUDGET = Duration.ofSeconds(60);

    /** An agent's credentials as REST handed them out once. */
    public record Minted(String name, String token, String hmacSecret) {
    }

    private final Path home;
    private final Z4jProcess z4j;
    private final int port;
    private final StringBuilder earlierLogs = new StringBuilder();
    private Z4jProcess.Running serve;
    private Browser owner;

    private ServedBrain(Path home, Z4jProcess z4j, int port) {
        this.home = home;
        this.z4j = z4j;
        this.port = port;
    }

    /** Starts a brain on {@code home} and waits until it is ready; {@code z4j} may add settings and JVM options. */
    public static ServedBrain start(Path home, java.util.function.UnaryOperator<Z4jProcess> settings) {
        int port = Z4jProcess.freePort();
        Z4jProcess z4j = settings.apply(Z4jProcess.inHome(home).env("Z4J_BIND_PORT", Integer.toString(port))
                .env("Z4J_BOOTSTRAP_ADMIN_EMAIL", OWNER_EMAIL).env("Z4J_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD)
                .env("Z4J_LOG_FORMAT", "text"));
        ServedBrain brain = new ServedBrain(home, z4j, port);
        brain.launch();
        return brain;
    }

    private void launch() {
        serve = z4j.start("serve");
        Z4jProcess.await("z4j serve ready", START_BUDGET, () -> {
            if (!serve.isAlive()) {
                throw new AssertionError("z4j serve exited:\n" + serve.stderr());
            }
            return Http.statusOf(port, "/api/v1/health/ready") == 200;
        });
        owner = signIn();
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return serve.pid();
    }

    public boolean isAlive() {
        return serve.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() {
        serve.kill();
        Z4jProcess.await("the brain is gone after SIGKILL", Duration.ofSeconds(30), () -> !serve.isAlive());
        earlierLogs.append(serve.stderr());
    }

    /** Starts {@code z4j serve} again on the same home and port. */
    public void restart() {
        launch();
    }

    /** Everything the brain wrote to stderr, across restarts. */
    public String log() {
        return earlierLogs + serve.stderr();
    }

    /** A fresh browser signed in as the owner. */
    public Browser signIn() {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.post("/api/v1/auth/login", Json.object("email", OWNER_EMAIL,
                "password", PASSWORD));
        assertThat(login.statusCode()).as("login: " + login.body()).isEqualTo(200);
        return browser;
    }

    /** The slug of the owner's first project (made by the bootstrap). */
    public String project() {
        return Json.parse(owner.get("/api/v1/projects").body()).get(0).get("slug").asText();
    }

    /** Mints an agent in the first project. */
    public Minted mint(String name) {
        HttpResponse<String> minted = owner.post("/api/v1/projects/" + project() + "/agents", Json.object("name", name));
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        JsonNode body = Json.parse(minted.body());
        return new Minted(name, body.get("token").asText(), body.get("hmac_secret").asText());
    }

    /** Connects as this agent and completes the handshake (one worker slot per name). */
    public TestAgent connect(Minted agent) throws TestAgent.UpgradeRefused {
        TestAgent connection = TestAgent.connect(uri(), agent.token()).withHmacSecret(agent.hmacSecret());
        connection.hello(TestAgent.standardHello(agent.name()));
        return connection;
    }

    /**
     * The brain's live heap: a full collection through its own management agent (attach API, then JMX), then the
     * heap in use, so the figure is what the brain holds rather than garbage not yet collected.
     */
    public long liveHeapBytes() throws Exception {
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid()));
        try (javax.management.remote.JMXConnector jmx = javax.management.remote.JMXConnectorFactory.connect(
                new javax.management.remote.JMXServiceURL(vm.startLocalManagementAgent()))) {
            java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.newPlatformMXBeanProxy(
                    jmx.getMBeanServerConnection(), java.lang.management.ManagementFactory.MEMORY_MXBEAN_NAME,
                    java.lang.management.MemoryMXBean.class);
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed();
        } finally {
            vm.detach();
        }
    }

    /** A read connection to the brain's SQLite file (WAL: readers do not disturb the brain's writer). */
    public Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + home.resolve("z4j.db"));
    }

    @Override
    public void close() {
        if (serve != null) {
            serve.close();
        }
    }
}
