package dev.z4j.adapter.ws.agents.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's first frame: protocol version, versions and adapter inventory, and which worker process of the agent
 * this connection is ({@code worker_id}; absent for a legacy single-connection agent).
 */
public record AgentHello(String protocolVersion, String agentVersion, String framework, List<String> engines,
                         List<String> schedulers, Map<String, List<String>> capabilities, Optional<String> hostName,
                         Optional<String> workerId, Optional<String> workerRole, Optional<Long> workerPid,
                         Optional<String> workerStartedAt) {

    public static final String SUPPORTED_PROTOCOL = "2";
    private static final String WHERE = "hello";

    /**
     * @throws ProtocolException {@link CloseCode#BAD_FRAME} when the frame is not a well-formed hello,
     *                           {@link CloseCode#UNSUPPORTED_PROTOCOL} when it asks for a version other than "2"
     */
    public static AgentHello from(Frame frame) {
        if (!frame.type().equals(FrameType.HELLO.wire())) {
            throw ProtocolException.badFrame("the first frame must be hello, got " + printable(frame.type()));
        }
        Map<String, Object> p = frame.payload();
        String version = Fields.requireString(p, "protocol_version", 1, 40, WHERE);
        if (!version.equals(SUPPORTED_PROTOCOL)) {
            throw new ProtocolException(CloseCode.UNSUPPORTED_PROTOCOL, "protocol version " + printable(version)
                    + " is not supported; this brain speaks protocol 2");
        }
        return new AgentHello(version,
                orEmpty(Fields.optionalString(p, "agent_version", 40, WHERE)),
                orEmpty(Fields.optionalString(p, "framework", 40, WHERE)),
                Fields.stringList(p, "engines", 64, WHERE),
                Fields.stringList(p, "schedulers", 64, WHERE),
                capabilities(p.get("capabilities")),
                hostName(p.get("host")),
                Optional.ofNullable(Fields.optionalString(p, "worker_id", 128, WHERE)),
                Optional.ofNullable(Fields.optionalString(p, "worker_role", 32, WHERE)),
                Optional.ofNullable(Fields.optionalInt(p, "worker_pid", 0, Integer.MAX_VALUE, WHERE)),
                Optional.ofNullable(startedAt(p)));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> capabilities(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ProtocolException.badFrame("hello field capabilities must be an object of string lists");
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String key : ((Map<String, Object>) map).keySet()) {
            result.put(key, Fields.stringList((Map<String, Object>) map, key, Integer.MAX_VALUE, "hello capabilities"));
        }
        return Map.copyOf(result);
    }

    private static Optional<String> hostName(Object host) {
        if (host == null) {
            return Optional.empty();
        }
        if (!(host instanceof Map<?, ?> map)) {
            throw ProtocolException.badFrame("hello field host must be an object");
        }
        return map.get("name") instanceof String name ? Optional.of(name) : Optional.empty();
    }

    private static String startedAt(Map<String, Object> p) {
        String value = Fields.optionalString(p, "worker_started_at", 64, WHERE);
        if (value != null && !IsoTimestamps.isDateTime(value)) {
            throw ProtocolException.badFrame("hello field worker_started_at must be an ISO-8601 date-time or null");
        }
        return value;
    }

    /** A wire value quoted for a close reason or log line: short and printable. */
    static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + cut.replaceAll("[^\\x20-\\x7E]", "?") + "'";
    }
}
