package dev.z4j.adapter.ws.agents.protocol;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The three frames a brain sends: {@code hello_ack} (unsigned), {@code event_batch_ack} and {@code command}. */
public final class BrainFrames {

    /** Frame ids are at most 64 characters; the ack id is {@code eba_} + the batch id, cut to fit. */
    private static final int MAX_ID_LENGTH = 64;

    private BrainFrames() {
    }

    /**
     * {@code hello_ack}: the binding strings the agent will sign with, and the heartbeat interval. Its id is
     * {@code hack_} + the first 12 hex digits of the session id, as upstream.
     */
    public static byte[] helloAck(SessionBinding binding, UUID sessionId, String brainVersion,
                                  int heartbeatIntervalSeconds, int maxFrameBytes, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("protocol_version", AgentHello.SUPPORTED_PROTOCOL);
        payload.put("brain_version", brainVersion);
        payload.put("agent_id", binding.agentId());
        payload.put("project_id", binding.projectId());
        payload.put("session_id", binding.sessionId());
        payload.put("heartbeat_interval_seconds", (long) heartbeatIntervalSeconds);
        payload.put("max_frame_size_bytes", (long) maxFrameBytes);
        Map<String, Object> frame = new HashMap<>();
        frame.put("v", (long) Frame.PROTOCOL_VERSION);
        frame.put("id", "hack_" + sessionId.toString().replace("-", "").substring(0, 12));
        frame.put("ts", IsoTimestamps.format(now));
        frame.put("type", FrameType.HELLO_ACK.wire());
        frame.put("payload", payload);
        return PythonJson.canonical(frame);
    }

    public static String eventBatchAckId(String batchId) {
        String id = "eba_" + batchId;
        return id.codePointCount(0, id.length()) <= MAX_ID_LENGTH
                ? id : id.substring(0, id.offsetByCodePoints(0, MAX_ID_LENGTH));
    }

    public static Map<String, Object> eventBatchAck(String batchId, long received, long accepted, long rejected) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("acked_id", batchId);
        payload.put("received", received);
        payload.put("accepted", accepted);
        payload.put("rejected", rejected);
        return payload;
    }

    /**
     * {@code command}: the frame id is the command id; {@code issued_by} a user UUID or null. The target also names
     * the engine and the scheduler when the parameters do, since an agent running several picks the adapter by
     * {@code target.engine} / {@code target.scheduler} (without them, only single-adapter agents can run it).
     */
    public static Map<String, Object> command(String action, String targetType, Optional<String> targetId,
                                              Map<String, Object> parameters, int timeoutSeconds,
                                              Optional<String> issuedBy) {
        Map<String, Object> target = new HashMap<>();
        target.put("type", targetType);
        target.put("id", targetId.orElse(null));
        for (String adapter : new String[] {"engine", "scheduler"}) {
            if (parameters.get(adapter) instanceof String name) {
                target.put(adapter, name);
            }
        }
        Map<String, Object> payload = new HashMap<>();
        payload.put("action", action);
        payload.put("target", target);
        payload.put("parameters", parameters);
        payload.put("timeout_seconds", (long) timeoutSeconds);
        payload.put("issued_by", issuedBy.orElse(null));
        return payload;
    }
}
