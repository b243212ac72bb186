package dev.z4j.adapter.ws.agents;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.PythonJson;
import dev.z4j.adapter.ws.agents.testing.GatewayServer;
import dev.z4j.adapter.ws.agents.testing.TestAgent.Closed;
import dev.z4j.adapter.ws.agents.testing.TestAgent.UpgradeRefused;
import dev.z4j.adapter.ws.agents.testing.TestAgent;
import dev.z4j.adapter.ws.agents.testing.WireFakes.Enrolled;
import dev.z4j.adapter.ws.agents.testing.WireFakes;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway over the wire: a real Javalin on a free port, the protocol v2 test agent, fakes of the in-ports. */
class AgentGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> resources = new ArrayList<>();

    static GatewaySettings settings() {
        return GatewaySettings.defaults("0.1.0-test", Duration.ofSeconds(10));
    }

    static GatewaySettings with(java.util.function.UnaryOperator<Map<String, Object>> change) {
        GatewaySettings d = settings();
        Map<String, Object> m = new HashMap<>();
        m.put("helloTimeout", d.helloTimeout());
        m.put("idleTimeout", d.idleTimeout());
        m.put("connectsPerMinute", d.connectsPerMinute());
        m.put("maxWorkersPerAgent", d.maxWorkersPerAgent());
        m.put("inboundQueueFrames", d.inboundQueueFrames());
        m.put("presenceSweep", d.presenceSweep());
        m.put("pingInterval", d.pingInterval());
        change.apply(m);
        return new GatewaySettings(d.brainVersion(), d.heartbeatInterval(), d.maxFrameBytes(), d.maxBatchEvents(),
                (Duration) m.get("helloTimeout"), (Duration) m.get("idleTimeout"), (Duration) m.get("pingInterval"),
                (int) m.get("connectsPerMinute"), (int) m.get("maxWorkersPerAgent"), (int) m.get("inboundQueueFrames"),
                d.maxOutgoingFrames(), d.dispatchThreads(), Duration.ofSeconds(5), (Duration) m.get("presenceSweep"),
                d.maxLongPollBodyBytes());
    }

    GatewayServer server(GatewaySettings settings) {
        GatewayServer server = new GatewayServer(settings);
        resources.add(server);
        return server;
    }

    TestAgent connect(GatewayServer server, Enrolled agent) throws UpgradeRefused {
        TestAgent client = TestAgent.connect(server.uri(), agent.token()).withHmacSecret(agent.hmacSecret());
        resources.add(0, client);
        return client;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    @Test
    void the_handshake_binds_the_session_to_the_authenticated_agent_and_its_project() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);

        Frame ack = client.hello();

        assertThat(ack.payload()).containsEntry("protocol_version", "2")
                .containsEntry("agent_id", agent.principal().agentId().toString())
                .containsEntry("project_id", agent.principal().projectId().toString())
                .containsEntry("heartbeat_interval_seconds", 10L)
                .containsEntry("max_frame_size_bytes", 1_048_576L)
                .containsEntry("brain_version", "0.1.0-test");
        assertThat(UUID.fromString((String) ack.payload().get("session_id"))).isNotNull();
        assertThat(ack.id()).isEqualTo("hack_" + ((String) ack.payload().get("session_id")).replace("-", "").substring(0, 12));
        Await.until("the command service hears the agent is ready", WAIT,
                () -> server.commands.ready().contains(agent.principal().agentId()));
    }

    @Test
    void presence_hears_the_handshake_with_the_inventory_the_heartbeats_and_the_last_disconnect() throws Exception {
        GatewayServer server = server(with(m -> {
            m.put("presenceSweep", Duration.ofMillis(50));
            return m;
        }));
        Enrolled agent = server.credentials.enroll();
        UUID id = agent.principal().agentId();
        TestAgent w1 = connect(server, agent);
        w1.hello(TestAgent.standardHello("w1"));
        TestAgent w2 = connect(server, agent);
        w2.hello(TestAgent.standardHello("w2"));

        assertThat(server.presence.connects).hasSize(2).first().satisfies(c -> {
            assertThat(c.agentId()).isEqualTo(id);
            assertThat(c.inventory().protocolVersion()).isEqualTo("2");
            assertThat(c.inventory().framework()).isEqualTo("bare");
            assertThat(c.inventory().engines()).containsExactly("demo");
            assertThat(c.inventory().hostName()).contains("test-host");
            assertThat(c.worker().workerKey()).isEqualTo("w1");
            assertThat(c.worker().pid()).contains(4242L);
        });
        w1.sendHeartbeat();
        Await.until("the heartbeat is noted", WAIT, () -> server.presence.heartbeats.contains(id + "/w1"));

        w1.close();
        Await.until("w1's disconnect is reported", WAIT, () -> server.presence.disconnects.size() == 1);
        assertThat(server.presence.disconnects.get(0)).isEqualTo(new WireFakes.Presence.Disconnect(id, "w1", false));
        w2.close();
        Await.until("w2's disconnect is reported", WAIT, () -> server.presence.disconnects.size() == 2);
        assertThat(server.presence.disconnects.get(1)).isEqualTo(new WireFakes.Presence.Disconnect(id, "w2", true));
        Await.until("the presence sweep runs on its timer", WAIT, () -> server.presence.sweeps() >= 2);
    }

    @Test
    void a_signed_batch_is_ingested_under_the_sessions_identity_and_acknowledged() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello(TestAgent.standardHello("bare-1-1"));

        Map<String, Object> event = taskEvent("task.received", "t-1");
        event.put("project_id", UUID.randomUUID().toString());
        String batchId = client.sendEventBatch(List.of(event, taskEvent("task.started", "t-1")));
        Frame ack = client.awaitFrame("event_batch_ack", WAIT);

        assertThat(ack.id()).isEqualTo("eba_" + batchId);
        assertThat(ack.payload()).containsEntry("acked_id", batchId).containsEntry("received", 2L)
                .containsEntry("accepted", 2L).containsEntry("rejected", 0L);
        EventBatch batch = server.ingestion.batches().get(0);
        assertThat(batch.projectId()).isEqualTo(agent.principal().projectId());
        assertThat(batch.agentId()).isEqualTo(agent.principal().agentId());
        assertThat(batch.workerId()).contains("bare-1-1");
        assertThat(batch.batchId()).isEqualTo(batchId);
        assertThat(batch.events()).hasSize(2);
        assertThat(batch.events().get(0)).containsEntry("kind", "task.received");
    }

    @Test
    void schedule_reports_of_a_batch_also_reach_the_schedules_in_port_and_are_ingested_as_events() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();

        Map<String, Object> snapshot = new java.util.HashMap<>(Map.of("id", UUID.randomUUID().toString(),
                "kind", "schedule.snapshot", "engine", "celery", "task_id", "",
                "occurred_at", "2026-05-13T10:00:00+00:00",
                "data", Map.of("scheduler", "celery-beat", "schedules", List.of(), "reason", "boot")));
        client.sendEventBatch(List.of(taskEvent("task.received", "t-1"), snapshot));
        client.awaitFrame("event_batch_ack", WAIT);

        assertThat(server.schedules.reported()).containsExactly(agent.principal().agentId() + " schedule.snapshot");
        assertThat(server.ingestion.batches().get(0).events()).hasSize(2);
    }

    @Test
    void a_batch_is_acknowledged_only_after_ingestion_returns() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        server.ingestion.hold();

        String batchId = client.sendEventBatch(List.of(taskEvent("task.received", "t-1")));
        Await.until("ingestion is entered", WAIT, () -> server.ingestion.entered() == 1);
        client.assertNoFrameWithin(Duration.ofMillis(300));

        server.ingestion.release(1);
        assertThat(client.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("acked_id", batchId);
    }

    @Test
    void a_project_over_its_events_budget_is_paced_not_refused_and_nothing_is_lost() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        server.ingestion.budget(Duration.ofMillis(300));

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(client.sendEventBatch(List.of(taskEvent("task.received", "t-" + i))));
        }
        client.assertNoFrameWithin(Duration.ofMillis(500));
        assertThat(server.ingestion.entered()).as("nothing is handed over while the budget is spent").isZero();

        server.ingestion.budget(Duration.ZERO);
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            acked.add((String) client.awaitFrame("event_batch_ack", WAIT).payload().get("acked_id"));
        }
        assertThat(acked).containsExactlyElementsOf(sent);
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void heartbeats_hand_their_adapter_health_over_and_status_reports_are_capped_per_minute() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        Map<String, Object> heartbeat = new HashMap<>();
        heartbeat.put("buffer_size", 0L);
        heartbeat.put("last_flush_at", null);
        heartbeat.put("dropped_events", 0L);
        heartbeat.put("adapter_health", Map.of("celery.queue_depths", "{\"default\": 3}", "celery.broker_type", "redis"));
        client.sendSigned("heartbeat", "hb_1", heartbeat);
        for (int i = 0; i < 15; i++) {
            client.sendSigned("agent_status", "as_" + i, Map.of("buffer_depth", (long) i, "agent_version", "1.6.0"));
        }
        client.sendHeartbeat();

        Await.until("both heartbeats are handed over", WAIT, () -> server.ingestion.health().size() == 2);
        assertThat(server.ingestion.health().get(0).adapterHealth())
                .containsEntry("celery.queue_depths", "{\"default\": 3}");
        assertThat(server.ingestion.health().get(0).projectId()).isEqualTo(agent.principal().projectId());
        assertThat(server.ingestion.statuses()).hasSize(12)
                .allSatisfy(r -> assertThat(r.agentId()).isEqualTo(agent.principal().agentId()));
    }

    @Test
    void a_failed_ingestion_sends_no_ack_and_closes_so_the_agent_resends() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        server.ingestion.failWith(new IllegalStateException("database down"));

        client.sendEventBatch(List.of(taskEvent("task.received", "t-1")));

        Closed closed = client.awaitClose(WAIT);
        assertThat(closed.code()).isEqualTo(1011);
        assertThat(server.ingestion.batches()).isEmpty();
    }

    @Test
    void commands_are_signed_for_the_agent_and_its_acks_and_results_reach_the_command_service() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        UUID commandId = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("engine", "demo");
        parameters.put("task_id", "t-1");
        parameters.put("eta_seconds", null);
        parameters.put("ratio", 1.0);

        assertThat(server.connections.deliver(new AgentCommand(commandId, agent.principal().projectId(),
                agent.principal().agentId(), "retry_task", "task", Optional.of("demo:t-1"), parameters, 60,
                Optional.of(user)))).isTrue();

        Frame command = client.awaitFrame("command", WAIT);
        assertThat(command.id()).isEqualTo(commandId.toString());
        assertThat(command.payload()).containsEntry("action", "retry_task").containsEntry("timeout_seconds", 60L)
                .containsEntry("issued_by", user.toString())
                .containsEntry("target", Map.of("type", "task", "id", "demo:t-1", "engine", "demo"));
        assertThat(new String(PythonJson.canonical(command.payload().get("parameters")), StandardCharsets.UTF_8))
                .isEqualTo("{\"engine\":\"demo\",\"eta_seconds\":null,\"ratio\":1.0,\"task_id\":\"t-1\"}");

        client.sendSigned("command_ack", commandId.toString(), Map.of());
        client.sendSigned("command_result", commandId.toString(),
                Map.of("status", "success", "result", Map.of("new_task_id", "t-2")));
        client.sendSigned("command_result", "not-a-uuid", Map.of("status", "failed"));
        Await.until("ack and result are reported", WAIT, () -> server.commands.replies().size() == 2);

        assertThat(server.commands.replies().get(0).commandId()).isEqualTo(commandId);
        assertThat(server.commands.replies().get(0).reply()).isEmpty();
        assertThat(server.commands.replies().get(1).reply()).hasValueSatisfying(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.result()).contains(Map.of("new_task_id", "t-2"));
        });
        assertThat(server.commands.replies()).allSatisfy(r ->
                assertThat(r.agentId()).isEqualTo(agent.principal().agentId()));
    }

    @Test
    void a_command_for_an_agent_without_a_connection_here_is_not_delivered() {
        GatewayServer server = server(settings());
        assertThat(server.connections.deliver(new AgentCommand(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "cancel_task", "task", Optional.empty(), Map.of(), 60, Optional.empty()))).isFalse();
    }

    @Test
    void acks_and_commands_from_many_threads_reach_the_agent_in_seq_order() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        int n = 200;
        Thread pusher = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                server.connections.deliver(new AgentCommand(UUID.randomUUID(), agent.principal().projectId(),
                        agent.principal().agentId(), "cancel_task", "task", Optional.empty(), Map.of(), 60,
                        Optional.empty()));
            }
        });
        pusher.start();
        for (int i = 0; i < n; i++) {
            client.sendEventBatch(List.of(taskEvent("task.received", "t-" + i)));
        }
        pusher.join();

        int acks = 0;
        int commands = 0;
        for (int i = 0; i < 2 * n; i++) {
            Frame frame = client.awaitFrame(WAIT);
            if (frame.type().equals("command")) {
                commands++;
            } else {
                acks++;
            }
        }
        assertThat(acks).isEqualTo(n);
        assertThat(commands).isEqualTo(n);
    }

    @Test
    void the_upgrade_the_python_agent_sends_is_accepted_without_permessage_deflate() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri().getPort())) {
            socket.getOutputStream().write(("GET /ws/agent HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "User-Agent: Python/3.11 websockets/16.1.1\r\nAuthorization: Bearer " + agent.token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader response = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = response.readLine(); line != null && !line.isEmpty(); line = response.readLine()) {
                head.add(line);
            }
            assertThat(head.get(0)).startsWith("HTTP/1.1 101");
            assertThat(head).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-extensions"));
        }
    }

    @Test
    void an_unknown_or_missing_token_is_refused_at_the_upgrade_with_401() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        for (String authorization : new String[] {null, "Bearer z4j_agent_unknown", "Basic " + agent.token(),
                "Bearer", agent.token(), "Bearer " + agent.token() + " extra"}) {
            assertThatThrownBy(() -> TestAgent.connect(server.uri(), authorization, Map.of()))
                    .as(String.valueOf(authorization))
                    .isInstanceOfSatisfying(UpgradeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
        }
        TestAgent.connect(server.uri(), "  bEaReR   " + agent.token() + "  ", Map.of()).close();
    }

    @Test
    void a_revoked_token_is_refused_at_the_upgrade_with_401() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        server.credentials.revoke(agent.token());
        assertThatThrownBy(() -> connect(server, agent))
                .isInstanceOfSatisfying(UpgradeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void a_wrong_signature_closes_4403_and_nothing_is_ingested() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        client.withFrameKey(new byte[32]);
        client.sendEventBatch(List.of(taskEvent("task.received", "t-1")));
        assertClosedWithNothingIngested(server, client, 4403);
    }

    @Test
    void a_tampered_frame_closes_4403_and_nothing_is_ingested() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        byte[] frame = client.sign("event_batch", "ev_1", Map.of("events", List.of(taskEvent("task.received", "t-1"))));
        client.sendRaw(new String(frame, StandardCharsets.UTF_8).replace("t-1", "t-2").getBytes(StandardCharsets.UTF_8));
        assertClosedWithNothingIngested(server, client, 4403);
    }

    @Test
    void a_replayed_nonce_closes_4403_after_the_first_frame() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        client.nextNonce("nonce-used-twice-00000");
        client.sendEventBatch(List.of(taskEvent("task.received", "t-1")));
        client.awaitFrame("event_batch_ack", WAIT);

        client.nextNonce("nonce-used-twice-00000");
        client.sendEventBatch(List.of(taskEvent("task.started", "t-1")));

        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4403);
        assertThat(server.ingestion.batches()).hasSize(1);
    }

    @Test
    void a_replayed_frame_or_an_old_seq_closes_4403() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        byte[] first = client.sign("event_batch", "ev_1", Map.of("events", List.of(taskEvent("task.received", "t-1"))));
        byte[] second = client.sign("event_batch", "ev_2", Map.of("events", List.of(taskEvent("task.started", "t-1"))));
        client.sendRaw(second);
        client.awaitFrame("event_batch_ack", WAIT);

        client.sendRaw(first);

        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4403);
        assertThat(server.ingestion.batches()).extracting(EventBatch::batchId).containsExactly("ev_2");

        TestAgent again = connect(server, agent);
        again.hello();
        byte[] frame = again.sendSigned("event_batch", "ev_3", Map.of("events", List.of()));
        again.awaitFrame("event_batch_ack", WAIT);
        again.sendRaw(frame);
        assertThat(again.awaitClose(WAIT).code()).isEqualTo(4403);
    }

    @Test
    void a_timestamp_more_than_60_seconds_off_closes_4403_and_nothing_is_ingested() throws Exception {
        GatewayServer server = server(settings());
        for (Duration skew : List.of(Duration.ofSeconds(65), Duration.ofSeconds(-65))) {
            Enrolled agent = server.credentials.enroll();
            TestAgent client = connect(server, agent);
            client.hello();
            client.withClockSkew(skew);
            client.sendEventBatch(List.of(taskEvent("task.received", "t-1")));
            assertClosedWithNothingIngested(server, client, 4403);
        }
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        client.withClockSkew(Duration.ofSeconds(50));
        client.sendEventBatch(List.of(taskEvent("task.received", "t-1")));
        client.awaitFrame("event_batch_ack", WAIT);
    }

    @Test
    void a_frame_over_1_mib_closes_4400_and_nothing_is_ingested() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        Map<String, Object> big = taskEvent("task.received", "t-big");
        big.put("padding", "x".repeat(900_000));
        client.sendEventBatch(List.of(big));
        client.awaitFrame("event_batch_ack", WAIT);

        big.put("padding", "x".repeat(GatewaySettings.MAX_FRAME_BYTES));
        client.sendEventBatch(List.of(big));

        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4400);
        assertThat(server.ingestion.batches()).hasSize(1);
    }

    @Test
    void a_batch_of_5001_events_closes_4400_and_nothing_is_ingested_while_5000_pass() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            events.add(Map.of("id", "e" + i, "kind", "task.sent", "engine", "demo", "task_id", "t" + i));
        }
        client.sendEventBatch(events);
        assertThat(client.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("received", 5000L);

        events.add(Map.of("id", "e5000", "kind", "task.sent", "engine", "demo", "task_id", "t5000"));
        client.sendEventBatch(events);

        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4400);
        assertThat(server.ingestion.batches()).hasSize(1);
    }

    @Test
    void a_first_frame_other_than_hello_closes_4400() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.sendRaw(("{\"v\":2,\"id\":\"ev_1\",\"ts\":null,\"type\":\"event_batch\",\"payload\":{\"events\":[]},"
                + "\"nonce\":\"n\",\"seq\":1,\"hmac\":\"" + "0".repeat(64) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertClosedWithNothingIngested(server, client, 4400);
    }

    @Test
    void no_hello_within_the_hello_timeout_closes_4400() throws Exception {
        GatewayServer server = server(with(m -> {
            m.put("helloTimeout", Duration.ofMillis(300));
            return m;
        }));
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        Closed closed = client.awaitClose(WAIT);
        assertThat(closed.code()).isEqualTo(4400);
        assertThat(closed.reason()).contains("no hello");
    }

    @Test
    void a_hello_for_another_protocol_version_closes_4426() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        Map<String, Object> hello = TestAgent.standardHello("w");
        hello.put("protocol_version", "3");
        client.sendHello(hello);
        assertClosedWithNothingIngested(server, client, 4426);
    }

    @Test
    void malformed_json_or_a_second_hello_closes_4400() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        client.sendRaw("{\"v\":2,".getBytes(StandardCharsets.UTF_8));
        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4400);

        TestAgent second = connect(server, agent);
        second.hello();
        second.sendHello(TestAgent.standardHello("w"));
        assertThat(second.awaitClose(WAIT).code()).isEqualTo(4400);
    }

    @Test
    void text_frames_are_accepted_like_binary_ones() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        byte[] frame = client.sign("event_batch", "ev_text", Map.of("events", List.of(taskEvent("task.received", "t"))));
        client.sendText(new String(frame, StandardCharsets.UTF_8));
        assertThat(client.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("acked_id", "ev_text");
    }

    @Test
    void a_signed_frame_of_an_unknown_type_is_ignored() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        client.sendSigned("capabilities_v3", "x_1", Map.of("anything", List.of(1L)));
        client.sendSigned("agent_status", "as_1", Map.of("buffer_depth", 0L, "current_session_age_seconds", 0.008028));
        String batchId = client.sendEventBatch(List.of());
        assertThat(client.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("acked_id", batchId);
    }

    @Test
    void over_the_per_ip_connect_budget_the_session_is_closed_4429() throws Exception {
        GatewayServer server = server(with(m -> {
            m.put("connectsPerMinute", 3);
            return m;
        }));
        Enrolled agent = server.credentials.enroll();
        for (int i = 0; i < 3; i++) {
            connect(server, agent).hello();
        }
        TestAgent fourth = connect(server, agent);
        Closed closed = fourth.awaitClose(WAIT);
        assertThat(closed.code()).isEqualTo(4429);
        assertThat(closed.reason()).isEqualTo("agent connect rate limit exceeded");
    }

    @Test
    void a_new_connection_of_the_same_worker_displaces_the_old_with_4002_other_workers_stay() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent first = connect(server, agent);
        first.hello(TestAgent.standardHello("bare-1"));
        TestAgent other = connect(server, agent);
        other.hello(TestAgent.standardHello("bare-2"));

        TestAgent second = connect(server, agent);
        second.hello(TestAgent.standardHello("bare-1"));

        assertThat(first.awaitClose(WAIT).code()).isEqualTo(4002);
        assertThat(server.connections.connectionsOf(agent.principal().agentId())).hasSize(2);
        other.sendEventBatch(List.of());
        other.awaitFrame("event_batch_ack", WAIT);

        TestAgent legacy = connect(server, agent);
        legacy.hello(TestAgent.standardHello(null));
        TestAgent legacyAgain = connect(server, agent);
        legacyAgain.hello(TestAgent.standardHello(null));
        assertThat(legacy.awaitClose(WAIT).code()).isEqualTo(4002);
    }

    @Test
    void more_worker_slots_than_allowed_close_4429() throws Exception {
        GatewayServer server = server(with(m -> {
            m.put("maxWorkersPerAgent", 2);
            return m;
        }));
        Enrolled agent = server.credentials.enroll();
        connect(server, agent).hello(TestAgent.standardHello("w1"));
        connect(server, agent).hello(TestAgent.standardHello("w2"));
        TestAgent third = connect(server, agent);
        third.sendHello(TestAgent.standardHello("w3"));
        assertThat(third.awaitClose(WAIT).code()).isEqualTo(4429);
        TestAgent reconnect = connect(server, agent);
        reconnect.hello(TestAgent.standardHello("w2"));
    }

    @Test
    void without_frames_for_the_idle_timeout_the_session_closes_4408_heartbeats_keep_it_open() throws Exception {
        GatewayServer server = server(with(m -> {
            m.put("idleTimeout", Duration.ofMillis(600));
            return m;
        }));
        Enrolled agent = server.credentials.enroll();
        TestAgent busy = connect(server, agent);
        busy.hello(TestAgent.standardHello("busy"));
        TestAgent idle = connect(server, agent);
        idle.hello(TestAgent.standardHello("idle"));

        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < end) {
            busy.sendHeartbeat();
            busy.assertNoFrameWithin(Duration.ofMillis(150));
        }

        assertThat(idle.awaitClose(WAIT).code()).isEqualTo(4408);
        assertThat(busy.isClosed()).isFalse();
    }

    @Test
    void the_brain_pings_every_connection_and_pings_do_not_count_as_activity() throws Exception {
        GatewayServer server = server(with(m -> {
            m.put("pingInterval", Duration.ofMillis(100));
            m.put("idleTimeout", Duration.ofMillis(1500));
            return m;
        }));
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        Await.until("pings arrive", WAIT, () -> client.pings() >= 3);
        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4408);
    }

    @Test
    void terminating_an_agent_closes_every_live_session_of_it_at_once_with_4003() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        Enrolled bystander = server.credentials.enroll();
        TestAgent w1 = connect(server, agent);
        w1.hello(TestAgent.standardHello("w1"));
        TestAgent w2 = connect(server, agent);
        w2.hello(TestAgent.standardHello("w2"));
        TestAgent other = connect(server, bystander);
        other.hello();

        server.credentials.revoke(agent.token());
        server.connections.terminate(agent.principal().agentId(), Long.MAX_VALUE);

        assertThat(w1.awaitClose(WAIT).code()).isEqualTo(4003);
        assertThat(w2.awaitClose(WAIT).code()).isEqualTo(4003);
        assertThat(other.isClosed()).isFalse();
        assertThat(server.connections.isConnected(agent.principal().agentId())).isFalse();
        assertThatThrownBy(() -> connect(server, agent))
                .isInstanceOfSatisfying(UpgradeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void terminating_older_generations_spares_sessions_of_the_new_credential() throws Exception {
        GatewayServer server = server(settings());
        UUID project = UUID.randomUUID();
        UUID agentId = UUID.randomUUID();
        Enrolled old = server.credentials.enroll(project, agentId, 1);
        Enrolled rotated = server.credentials.enroll(project, agentId, 2);
        TestAgent oldSession = connect(server, old);
        oldSession.hello(TestAgent.standardHello("w1"));
        TestAgent newSession = connect(server, rotated);
        newSession.hello(TestAgent.standardHello("w2"));

        server.connections.terminate(agentId, 1);

        assertThat(oldSession.awaitClose(WAIT).code()).isEqualTo(4003);
        newSession.sendEventBatch(List.of());
        newSession.awaitFrame("event_batch_ack", WAIT);
    }

    @Test
    void a_session_whose_credential_was_terminated_during_its_handshake_is_refused_4003() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        server.connections.terminate(agent.principal().agentId(), 1);
        client.sendHello(TestAgent.standardHello("w1"));
        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4003);
    }

    @Test
    void a_heartbeat_on_a_credential_no_longer_current_closes_4003() throws Exception {
        GatewayServer server = server(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        client.sendHeartbeat();
        client.assertNoFrameWithin(Duration.ofMillis(100));

        server.credentials.revoke(agent.token());
        client.sendHeartbeat();

        assertThat(client.awaitClose(WAIT).code()).isEqualTo(4003);
    }

    @Test
    void when_ingestion_is_slow_the_gateway_stops_reading_and_loses_nothing() throws Exception {
        GatewayServer server = server(with(m -> {
            m.put("inboundQueueFrames", 2);
            return m;
        }));
        Enrolled agent = server.credentials.enroll();
        TestAgent client = connect(server, agent);
        client.hello();
        server.ingestion.hold();
        int frames = 64;
        String padding = "p".repeat(512 * 1024);
        List<String> sentIds = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < frames; i++) {
                Map<String, Object> event = taskEvent("task.received", "t-" + i);
                event.put("padding", padding);
                sentIds.add(client.sendEventBatch(List.of(event)));
            }
        });
        sender.start();
        Await.until("the first batch is in ingestion", WAIT, () -> server.ingestion.entered() == 1);
        sender.join(1000);
        assertThat(sender.isAlive()).as("the agent's writes are held back while ingestion is blocked").isTrue();
        assertThat(sentIds.size()).isLessThan(frames);

        server.ingestion.releaseAll();
        sender.join(WAIT.toMillis());
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            acked.add((String) client.awaitFrame("event_batch_ack", WAIT).payload().get("acked_id"));
        }
        assertThat(acked).containsExactlyElementsOf(sentIds);
        assertThat(server.ingestion.batches()).hasSize(frames);
    }

    @Test
    void closing_the_gateway_handles_queued_batches_then_closes_1001() throws Exception {
        GatewayServer server = new GatewayServer(settings());
        Enrolled agent = server.credentials.enroll();
        TestAgent client = TestAgent.connect(server.uri(), agent.token()).withHmacSecret(agent.hmacSecret());
        resources.add(client);
        client.hello();
        server.ingestion.hold();
        String batchId = client.sendEventBatch(List.of(taskEvent("task.received", "t-1")));
        Await.until("the batch is in ingestion", WAIT, () -> server.ingestion.entered() == 1);

        Thread closer = new Thread(server::close);
        closer.start();
        server.ingestion.release(1);

        assertThat(client.awaitFrame("event_batch_ack", WAIT).payload()).containsEntry("acked_id", batchId);
        assertThat(client.awaitClose(WAIT).code()).isEqualTo(1001);
        closer.join();
    }

    private static void assertClosedWithNothingIngested(GatewayServer server, TestAgent client, int code) {
        assertThat(client.awaitClose(WAIT).code()).isEqualTo(code);
        assertThat(server.ingestion.batches()).isEmpty();
    }
}
