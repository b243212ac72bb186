package dev.z4j.adapter.ws.agents.testing;

import dev.z4j.adapter.ws.WebSocketApi;
import dev.z4j.adapter.ws.agents.AgentConnections;
import dev.z4j.adapter.ws.agents.GatewaySettings;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;

/** A real Javalin on a free port serving only {@code /ws/agent}, over the wire fakes. */
public final class GatewayServer implements AutoCloseable {

    public final WireFakes.Credentials credentials = new WireFakes.Credentials();
    public final WireFakes.Ingestion ingestion = new WireFakes.Ingestion();
    public final WireFakes.Commands commands = new WireFakes.Commands();
    public final WireFakes.Presence presence = new WireFakes.Presence();
    public final WireFakes.Pickup pickup = new WireFakes.Pickup();
    public final WireFakes.Schedules schedules = new WireFakes.Schedules();
    public final AgentConnections connections;
    public final WebSocketApi api;
    private final Javalin javalin;

    public GatewayServer(GatewaySettings settings) {
        connections = new AgentConnections(settings.maxWorkersPerAgent());
        api = new WebSocketApi(settings, credentials, presence, ingestion, commands, pickup, schedules, connections,
                (peer, forwarded) -> peer,
                Clock.systemUTC());
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            api.configure(config);
        }).start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + javalin.port());
    }

    @Override
    public void close() {
        api.close();
        javalin.stop();
    }
}
