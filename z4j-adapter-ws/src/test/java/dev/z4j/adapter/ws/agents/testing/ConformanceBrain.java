package dev.z4j.adapter.ws.agents.testing;

import dev.z4j.adapter.ws.agents.GatewaySettings;
import dev.z4j.adapter.ws.agents.testing.WireFakes.Enrolled;
import dev.z4j.ports.commands.AgentCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A brain for conformance runs with a real upstream agent ({@code conformance/run-upstream-agent.sh}): the gateway
 * over the wire fakes, one enrolled agent whose settings are printed as {@code Z4J_*} lines, and commands on stdin:
 * {@code status}, {@code command} (a retry_task to the agent), {@code revoke}, {@code quit}.
 */
public final class ConformanceBrain {

    private ConformanceBrain() {
    }

    public static void main(String[] args) throws Exception {
        try (GatewayServer server = new GatewayServer(GatewaySettings.defaults("0.1.0", Duration.ofSeconds(10)))) {
            Enrolled agent = server.credentials.enroll();
            System.out.println("Z4J_BRAIN_URL=" + server.uri());
            System.out.println("Z4J_TOKEN=" + agent.token());
            System.out.println("Z4J_HMAC_SECRET=" + agent.hmacSecret());
            System.out.println("Z4J_PROJECT_ID=" + agent.principal().projectId());
            System.out.println("Z4J_AGENT_ID=" + agent.principal().agentId());
            System.out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                switch (line) {
                    case "status" -> System.out.println("STATUS connected=" + server.connections
                            .isConnected(agent.principal().agentId()) + " batches=" + server.ingestion.batches().size()
                            + " events=" + server.ingestion.batches().stream().mapToInt(b -> b.events().size()).sum()
                            + " heartbeats=" + server.presence.heartbeats.size() + " connects="
                            + server.presence.connects.size() + " replies=" + server.commands.replies());
                    case "command" -> {
                        AgentCommand retry = new AgentCommand(UUID.randomUUID(), agent.principal().projectId(),
                                agent.principal().agentId(), "retry_task", "task", Optional.of("demo:t-1"),
                                Map.of("engine", "demo", "task_id", "t-1"), 60, Optional.empty());
                        if (server.connections.deliver(retry)) {
                            System.out.println("DELIVERED over the WebSocket");
                        } else {
                            server.pickup.add(retry);
                            System.out.println("QUEUED for the next poll");
                        }
                    }
                    case "revoke" -> {
                        server.credentials.revoke(agent.token());
                        server.connections.terminate(agent.principal().agentId(), Long.MAX_VALUE);
                        System.out.println("REVOKED");
                    }
                    default -> System.out.println("unknown command " + line);
                }
            }
        }
    }
}
