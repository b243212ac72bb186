package dev.z4j.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.Z4jBrain;
import dev.z4j.app.testing.Http;
import dev.z4j.app.testing.IdentityWorld;
import dev.z4j.app.testing.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsWithoutTokenTest {

    @Test
    void a_brain_without_a_metrics_token_refuses_every_scrape(@TempDir Path home) {
        try (Z4jBrain brain = IdentityWorld.brain(home, Map.of(), java.time.Clock.systemUTC()).start()) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + brain.port() + "/metrics"))
                    .header("Authorization", "Bearer anything").build());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Json.parse(response.body()).get("error").asText()).isEqualTo("metrics_not_configured");
            assertThat(Json.parse(response.body()).get("message").asText()).contains("Z4J_METRICS_AUTH_TOKEN");
        }
    }
}
