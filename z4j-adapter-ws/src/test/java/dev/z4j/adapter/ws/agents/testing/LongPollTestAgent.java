package dev.z4j.adapter.ws.agents.testing;

import dev.z4j.adapter.ws.agents.protocol.Frame;
import dev.z4j.adapter.ws.agents.protocol.FrameSigner;
import dev.z4j.adapter.ws.agents.protocol.FrameVerifier;
import dev.z4j.adapter.ws.agents.protocol.PythonJson;
import dev.z4j.adapter.ws.agents.protocol.SessionBinding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The upstream agent's long-poll transport ({@code Z4J_TRANSPORT=longpoll}): every request carries the bearer and
 * {@code X-Z4J-Session-Nonce}; frames are signed with agent id, project id and that nonce as the binding; brain
 * frames in poll responses are verified as the agent verifies them.
 */
public final class LongPollTestAgent {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI brain;
    private final String token;
    private final String nonce;
    private final FrameSigner signer;
    private final FrameVerifier verifier;

    public LongPollTestAgent(URI brain, WireFakes.Enrolled agent) {
        this(brain, agent.token(), agent.hmacSecret(), agent.principal().agentId(), agent.principal().projectId(),
                FrameSigner.randomNonces(new SecureRandom()).get());
    }

    public LongPollTestAgent(URI brain, String token, String hmacSecret, UUID agentId, UUID projectId, String nonce) {
        this.brain = brain;
        this.token = token;
        this.nonce = nonce;
        byte[] key = Base64.getUrlDecoder().decode(hmacSecret);
        SessionBinding binding = new SessionBinding(agentId.toString(), projectId.toString(), nonce);
        this.signer = new FrameSigner(key, binding, Clock.systemUTC(), FrameSigner.randomNonces(new SecureRandom()));
        this.verifier = new FrameVerifier(key, binding, Clock.systemUTC());
    }

    public byte[] sign(String type, String id, Map<String, Object> payload) {
        return signer.sign(type, id, payload);
    }

    /** {@code GET /api/v1/agent/commands}; the raw response. */
    public CompletableFuture<HttpResponse<String>> commands(int wait, int maxFrames) {
        HttpRequest request = request("/api/v1/agent/commands?wait=" + wait + "&max_frames=" + maxFrames)
                .timeout(Duration.ofSeconds(wait + 10L)).GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Polls and returns the frames, each verified (signature, seq, nonce, time) as the agent would. */
    @SuppressWarnings("unchecked")
    public List<Frame> poll(int wait, int maxFrames) {
        HttpResponse<String> response = commands(wait, maxFrames).join();
        if (response.statusCode() != 200) {
            throw new AssertionError("poll answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, Object> body = (Map<String, Object>) PythonJson.parse(response.body());
        List<Frame> frames = new ArrayList<>();
        for (Object text : (List<Object>) body.get("frames")) {
            Frame frame = Frame.parse(((String) text).getBytes(StandardCharsets.UTF_8));
            verifier.verify(frame);
            frames.add(frame);
        }
        return frames;
    }

    /** {@code POST /api/v1/agent/events} with {@code {"frames": [...]}}; the raw response. */
    public HttpResponse<String> post(List<byte[]> frames) {
        List<String> texts = frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
        HttpRequest request = request("/api/v1/agent/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PythonJson.canonical(Map.of("frames", texts)))).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    /** Posts and returns the parsed {@code {accepted, rejected, errors}}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> postFrames(byte[]... frames) {
        HttpResponse<String> response = post(List.of(frames));
        if (response.statusCode() != 200) {
            throw new AssertionError("post answered " + response.statusCode() + ": " + response.body());
        }
        return (Map<String, Object>) PythonJson.parse(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(brain.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token)
                .header("X-Z4J-Session-Nonce", nonce);
    }
}
