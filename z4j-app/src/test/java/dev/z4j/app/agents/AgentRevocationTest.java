package dev.z4j.app.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.agents.JdbcAgentLivenessStore;
import dev.z4j.adapter.jdbc.agents.JdbcAgentReplicas;
import dev.z4j.adapter.jdbc.agents.JdbcAgentStore;
import dev.z4j.adapter.jdbc.agents.JdbcAgentTokenStore;
import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.projects.JdbcMembershipStore;
import dev.z4j.adapter.jdbc.projects.JdbcProjectStore;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.adapter.ws.WebSocketApi;
import dev.z4j.adapter.ws.agents.AgentConnections;
import dev.z4j.adapter.ws.agents.GatewaySettings;
import dev.z4j.adapter.ws.agents.testing.TestAgent.UpgradeRefused;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.adapter.ws.agents.testing.WireFakes;
import dev.z4j.domain.agents.AgentEnrollment;
import dev.z4j.domain.agents.AgentLiveness;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.domain.projects.ProjectCatalog;
import dev.z4j.ports.agents.AgentState;
import dev.z4j.ports.agents.MintedCredential;
import dev.z4j.ports.identity.Caller;
import dev.z4j.ports.identity.Principal;
import dev.z4j.ports.system.ClusterLeadership;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import dev.z4j.ports.testing.Await;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed's leaked-token playbook on the real pieces: credentials and liveness on SQLite and PostgreSQL, the
 * audit chain, the gateway on a real Javalin, the protocol v2 test agent. Only ingestion and command feedback
 * (another issue) are fakes. Every promise is awaited, never slept for.
 */
class AgentRevocationTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final SecretKeys SECRETS = SecretKeys.of(Secret.ofText("an-agent-secret-of-at-least-32-bytes-0123456789"),
            List.of());
    /** An owner signed in from a browser: owners may manage the agents of every project. */
    static final Caller ADMIN = Caller.of(new Principal.User(UUID.randomUUID(), true, UUID.randomUUID()), "203.0.113.9",
            "browser");
    static final String SHOP = "shop";

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("sqlite", (Supplier<Database>) TestDatabases::sqlite),
                Arguments.of("postgresql", (Supplier<Database>) TestDatabases::postgres));
    }

    /** One brain's agent side: the services on a database and the gateway on a free port. */
    static final class Brain implements AutoCloseable {
        final Database database;
        final UUID project = UUID.randomUUID();
        final AgentConnections connections = new AgentConnections(64);
        final AgentEnrollment credentials;
        final AgentLiveness presence;
        final WebSocketApi api;
        final Javalin javalin;
        final List<AutoCloseable> agents = new ArrayList<>();

        Brain(Database database) {
            this.database = database;
            Clock clock = Clock.systemUTC();
            database.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, "
                            + "updated_at) VALUES (:id, 'shop', 'Shop', :active, :now, :now)")
                    .bind("id", project).bind("active", true).bind("now", Instant.now()).execute());
            AuditChain audit = new AuditChain(new JdbcAuditLog(database), database, SECRETS, clock);
            credentials = enrollment(database, audit, connections);
            presence = new AgentLiveness(new JdbcAgentLivenessStore(database),
                    new JdbcAgentReplicas(database, "00000000000000a1", clock), database,
                    ClusterLeadership.SINGLE_BRAIN, clock, Duration.ofSeconds(30));
            api = new WebSocketApi(GatewaySettings.defaults("test", Duration.ofSeconds(10)), credentials, presence,
                    new WireFakes.Ingestion(), new WireFakes.Commands(), new WireFakes.Pickup(), new WireFakes.Schedules(),
                    connections,
                    (peer, forwarded) -> peer, clock);
            javalin = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.host = "127.0.0.1";
                config.jetty.port = 0;
                api.configure(config);
            }).start();
        }

        /** The credential service of a brain or of the operator CLI (which ends no session itself). */
        static AgentEnrollment enrollment(Database database, AuditChain audit, dev.z4j.ports.agents.AgentSessions sessions) {
            Clock clock = Clock.systemUTC();
            return new AgentEnrollment(new JdbcAgentStore(database), new JdbcAgentTokenStore(database),
                    new JdbcAgentLivenessStore(database), new ProjectCatalog(new JdbcProjectStore(database),
                    new JdbcMembershipStore(database), audit, database, clock), audit, sessions, database, SECRETS, clock);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + javalin.port());
        }

        TestAgent connect(MintedCredential credential, String workerId) throws UpgradeRefused {
            TestAgent agent = TestAgent.connect(uri(), credential.token()).withHmacSecret(credential.hmacSecret());
            agents.add(agent);
            agent.hello(TestAgent.standardHello(workerId));
            return agent;
        }

        AgentState state(UUID agentId) {
            return presence.statuses(project).get(agentId).state();
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable agent : agents) {
                agent.close();
            }
            api.close();
            javalin.stop();
            database.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void revoking_closes_every_live_session_at_once_and_refuses_the_token_at_the_gateway(String name,
                                                                                        Supplier<Database> db)
            throws Exception {
        try (Brain brain = new Brain(db.get())) {
            MintedCredential leaked = brain.credentials.mint(ADMIN, SHOP, "payments-worker");
            UUID id = leaked.agent().id();
            TestAgent web = brain.connect(leaked, "web-1");
            TestAgent worker = brain.connect(leaked, "task-1");
            worker.sendEventBatch(List.of(TestAgent.taskEvent("task.received", "t-1")));
            worker.awaitFrame("event_batch_ack", WAIT);
            assertThat(brain.state(id)).isEqualTo(AgentState.ONLINE);

            assertThat(brain.credentials.revoke(ADMIN, SHOP, id)).isTrue();

            assertThat(web.awaitClose(WAIT).code()).isEqualTo(4003);
            assertThat(worker.awaitClose(WAIT).code()).isEqualTo(4003);
            assertThatThrownBy(() -> brain.connect(leaked, "web-1"))
                    .isInstanceOfSatisfying(UpgradeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
            Await.until("the agent is offline", WAIT, () -> brain.state(id) == AgentState.OFFLINE);
            assertThat(brain.credentials.list(ADMIN, SHOP)).singleElement().satisfies(view -> {
                assertThat(view.agent().id()).isEqualTo(id);
                assertThat(view.revoked()).isTrue();
            });
            assertThat(auditActions(brain, id)).containsExactly("agent.token.minted", "agent.token.revoked");
            assertThat(brain.credentials.list(ADMIN, SHOP).get(0).status().state()).isEqualTo(AgentState.OFFLINE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_replacement_on_the_same_row_works_and_the_old_credential_does_not(String name, Supplier<Database> db)
            throws Exception {
        try (Brain brain = new Brain(db.get())) {
            MintedCredential leaked = brain.credentials.mint(ADMIN, SHOP, "payments-worker");
            TestAgent old = brain.connect(leaked, "w1");

            MintedCredential replacement = brain.credentials.rotate(ADMIN, SHOP, leaked.agent().id());

            assertThat(replacement.agent().id()).isEqualTo(leaked.agent().id());
            assertThat(old.awaitClose(WAIT).code()).isEqualTo(4003);
            TestAgent fresh = brain.connect(replacement, "w1");
            fresh.sendEventBatch(List.of());
            fresh.awaitFrame("event_batch_ack", WAIT);
            assertThatThrownBy(() -> brain.connect(leaked, "w2"))
                    .isInstanceOfSatisfying(UpgradeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
            TestAgent wrongKey = TestAgent.connect(brain.uri(), replacement.token()).withHmacSecret(leaked.hmacSecret());
            brain.agents.add(wrongKey);
            wrongKey.hello(TestAgent.standardHello("w3"));
            wrongKey.sendHeartbeat();
            assertThat(wrongKey.awaitClose(WAIT).code()).as("the old hmac_secret no longer signs").isEqualTo(4403);
            assertThat(fresh.isClosed()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_revocation_made_elsewhere_drops_the_session_on_its_next_heartbeat(String name, Supplier<Database> db)
            throws Exception {
        try (Brain brain = new Brain(db.get())) {
            MintedCredential leaked = brain.credentials.mint(ADMIN, SHOP, "payments-worker");
            TestAgent agent = brain.connect(leaked, "w1");
            AgentEnrollment otherProcess = Brain.enrollment(brain.database,
                    new AuditChain(new JdbcAuditLog(brain.database), brain.database, SECRETS, Clock.systemUTC()),
                    (agentId, through) -> { });

            otherProcess.revoke(Caller.cli("ops"), SHOP, leaked.agent().id());
            agent.sendHeartbeat();

            assertThat(agent.awaitClose(WAIT).code()).isEqualTo(4003);
        }
    }

    private static List<String> auditActions(Brain brain, UUID agentId) {
        return brain.database.read(h -> h.createQuery("SELECT action FROM audit_log WHERE target_type = 'agent' "
                        + "AND target_id = :id ORDER BY seq")
                .bind("id", agentId.toString()).mapTo(String.class).list());
    }
}
