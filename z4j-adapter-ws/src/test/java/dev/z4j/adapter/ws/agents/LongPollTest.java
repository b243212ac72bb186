package dev.z4j.adapter.ws.agents;

import static dev.z4j.adapter.ws.agents.testing.TestAgent.taskEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.testing.GatewayServer;
import dev.z4j.adapter.ws.agents.testing.LongPollTestAgent;
import dev.z4j.adapter.ws.agents.testing.WireFakes.Enrolled;
import dev.z4j.ports.commands.AgentCommand;
import dev.z4j.ports.ingest.EventBatch;
import dev.z4j.ports.testing.Await;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTPS long-poll transport over the wire: the same bearer, signing and frame handling as the WebSocket. */
class LongPollTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    private GatewayServer server;
    private Enrolled agent;
    private LongPollTestAgent client;

    @BeforeEach
    void start() {
        server = new GatewayServer(GatewaySettings.defaults("test", Duration.ofSeconds(10)));
        agent = server.credentials.enroll();
        client = new LongPollTestAgent(server.uri(), agent);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AgentCommand command(String action) {
        return new AgentCommand(UUID.randomUUID(), agent.principal().projectId(), agent.principal().agentId(), action,
                "task", Optional.of("demo:t-1"), Map.of("task_id", "t-1"), 60, Optional.empty());
    }

    @Test
    void an_unknown_token_gets_401_on_both_routes() {
        LongPollTestAgent stranger = new LongPollTestAgent(server.uri(), "z4j_agent_nope", agent.hmacSecret(),
                agent.principal().agentId(), agent.principal().projectId(), "n");
        assertThat(stranger.commands(0, 1).join().statusCode()).isEqualTo(401);
        assertThat(stranger.post(List.of(stranger.sign("heartbeat", "hb", Map.of()))).statusCode()).isEqualTo(401);
    }

    @Test
    void a_post_over_the_projects_events_budget_is_503_with_retry_after_and_verifies_when_sent_again() {
        server.ingestion.budget(Duration.ofMillis(1500));
        byte[] batch = client.sign("event_batch", "ev_1", Map.of("events", List.of(taskEvent("task.received", "t-1"))));

        HttpResponse<String> refused = client.post(List.of(batch));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("2");
        assertThat(server.ingestion.entered()).isZero();
        server.ingestion.budget(Duration.ZERO);
        assertThat(client.post(List.of(batch)).statusCode()).isEqualTo(200);
        assertThat(server.ingestion.batches()).hasSize(1);
    }

    @Test
    void a_posted_batch_is_ingested_and_its_ack_comes_with_the_next_poll() {
        byte[] batch = client.sign("event_batch", "ev_1", Map.of("events", List.of(taskEvent("task.received", "t-1"))));

        Map<String, Object> answer = client.postFrames(batch);

        assertThat(answer).containsEntry("accepted", 1L).containsEntry("rejected", 0L).containsEntry("errors", List.of());
        EventBatch ingested = server.ingestion.batches().get(0);
        assertThat(ingested.agentId()).isEqualTo(agent.principal().agentId());
        assertThat(ingested.projectId()).isEqualTo(agent.principal().projectId());
        List<Frame> frames = client.poll(0, 50);
        assertThat(frames).singleElement().satisfies(ack -> {
            assertThat(ack.type()).isEqualTo("event_batch_ack");
            assertThat(ack.payload()).containsEntry("acked_id", "ev_1").containsEntry("accepted", 1L);
        });
        assertThat(server.presence.heartbeats).contains(agent.principal().agentId() + "/");
    }

    @Test
    void commands_are_polled_signed_and_their_acks_and_results_reach_the_command_service() {
        AgentCommand retry = command("retry_task");
        server.pickup.add(retry);

        List<Frame> frames = client.poll(0, 50);

        assertThat(frames).singleElement().satisfies(frame -> {
            assertThat(frame.type()).isEqualTo("command");
            assertThat(frame.id()).isEqualTo(retry.id().toString());
            assertThat(frame.payload()).containsEntry("action", "retry_task");
        });
        client.postFrames(client.sign("command_ack", retry.id().toString(), Map.of()),
                client.sign("command_result", retry.id().toString(), Map.of("status", "failed", "error", "boom")));
        assertThat(server.commands.replies()).hasSize(2);
        assertThat(server.commands.replies().get(1).reply()).hasValueSatisfying(r -> {
            assertThat(r.success()).isFalse();
            assertThat(r.error()).contains("boom");
        });
    }

    @Test
    void an_empty_poll_returns_nothing_at_once_when_asked_not_to_wait() {
        assertThat(client.poll(0, 1)).isEmpty();
    }

    @Test
    void a_waiting_poll_answers_as_soon_as_a_command_arrives() {
        CompletableFuture<HttpResponse<String>> waiting = client.commands(30, 50);
        Await.until("the poll reached the brain", WAIT, () -> !server.presence.heartbeats.isEmpty());
        AgentCommand cancel = command("cancel_task");
        server.pickup.add(cancel);

        HttpResponse<String> response = waiting.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(cancel.id().toString());
    }

    @Test
    void max_frames_is_respected_and_the_rest_waits_for_the_next_poll() {
        for (int i = 0; i < 3; i++) {
            server.pickup.add(command("cancel_task"));
        }
        assertThat(client.poll(0, 2)).hasSize(2);
        assertThat(client.poll(0, 2)).hasSize(1);
    }

    @Test
    void a_bad_signature_rejects_the_rest_of_the_post_and_the_session_starts_over() {
        byte[] good = client.sign("heartbeat", "hb_1", Map.of());
        byte[] tampered = new String(client.sign("event_batch", "ev_1", Map.of("events", List.of())), StandardCharsets.UTF_8)
                .replace("ev_1", "ev_2").getBytes(StandardCharsets.UTF_8);
        byte[] after = client.sign("event_batch", "ev_3", Map.of("events", List.of()));

        Map<String, Object> answer = client.postFrames(good, tampered, after);

        assertThat(answer).containsEntry("accepted", 1L).containsEntry("rejected", 2L);
        assertThat((List<?>) answer.get("errors")).singleElement().asString().contains("signature");
        assertThat(server.ingestion.batches()).isEmpty();
        byte[] next = client.sign("event_batch", "ev_4", Map.of("events", List.of()));
        assertThat(client.postFrames(next)).containsEntry("accepted", 1L);
    }

    @Test
    void a_replayed_frame_is_rejected() {
        byte[] frame = client.sign("event_batch", "ev_1", Map.of("events", List.of()));
        assertThat(client.postFrames(frame)).containsEntry("accepted", 1L);
        Map<String, Object> again = client.postFrames(frame);
        assertThat(again).containsEntry("accepted", 0L).containsEntry("rejected", 1L);
        assertThat(again.get("errors").toString()).contains("seq");
    }

    @Test
    void a_frame_signed_for_another_session_nonce_does_not_verify() {
        LongPollTestAgent otherSession = new LongPollTestAgent(server.uri(), agent.token(), agent.hmacSecret(),
                agent.principal().agentId(), agent.principal().projectId(), "another-nonce");
        byte[] frame = otherSession.sign("event_batch", "ev_1", Map.of("events", List.of()));
        assertThat(client.postFrames(frame)).containsEntry("accepted", 0L);
        assertThat(otherSession.postFrames(otherSession.sign("heartbeat", "hb", Map.of()))).containsEntry("accepted", 1L);
    }

    @Test
    void posts_much_larger_than_upstreams_8_kib_are_accepted() {
        String padding = "x".repeat(600_000);
        byte[][] frames = new byte[3][];
        for (int i = 0; i < 3; i++) {
            Map<String, Object> event = taskEvent("task.received", "t-" + i);
            event.put("padding", padding);
            frames[i] = client.sign("event_batch", "ev_" + i, Map.of("events", List.of(event)));
        }
        assertThat(client.postFrames(frames)).containsEntry("accepted", 3L);
        Await.until("all three batches are ingested", WAIT, () -> server.ingestion.batches().size() == 3);
    }

    @Test
    void a_malformed_body_is_a_400() {
        HttpResponse<String> response = client.post(List.of());
        assertThat(response.statusCode()).isEqualTo(400);
    }
}
