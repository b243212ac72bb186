package dev.z4j.adapter.ws.agents.protocol;

import java.util.List;
import java.util.Map;

/** The payload schemas of the agent frames the brain acts on, checked after the signature verified. */
public final class AgentFrames {

    static final int MAX_ERROR_LENGTH = 8192;

    private AgentFrames() {
    }

    /** {@code event_batch.payload.events}: a list of at most {@code maxEvents} objects. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> events(Frame frame, int maxEvents) {
        if (!(frame.payload().get("events") instanceof List<?> events)) {
            throw ProtocolException.badFrame("event_batch payload.events must be a list");
        }
        if (events.size() > maxEvents) {
            throw ProtocolException.badFrame("event_batch holds " + events.size() + " events; at most " + maxEvents
                    + " are accepted");
        }
        for (Object event : events) {
            if (!(event instanceof Map)) {
                throw ProtocolException.badFrame("every event of an event_batch must be an object");
            }
        }
        return (List<Map<String, Object>>) events;
    }

    /** {@code command_result.payload}: status {@code success} or {@code failed}, result object or null, error text or null. */
    @SuppressWarnings("unchecked")
    public static Result result(Frame frame) {
        Map<String, Object> p = frame.payload();
        Object status = p.get("status");
        if (!"success".equals(status) && !"failed".equals(status)) {
            throw ProtocolException.badFrame("command_result status must be success or failed");
        }
        Object result = p.get("result");
        if (result != null && !(result instanceof Map)) {
            throw ProtocolException.badFrame("command_result result must be an object or null");
        }
        String error = Fields.optionalString(p, "error", MAX_ERROR_LENGTH, "command_result");
        return new Result("success".equals(status), (Map<String, Object>) result, error);
    }

    /** A checked {@code command_result} payload; {@code result} and {@code error} may be null. */
    public record Result(boolean success, Map<String, Object> result, String error) {
    }
}
