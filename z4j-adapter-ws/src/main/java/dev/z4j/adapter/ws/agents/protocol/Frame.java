package dev.z4j.adapter.ws.agents.protocol;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed protocol v2 frame: the JSON object as received (every field, unknown ones included, because the
 * signature covers them) and typed access to the envelope. {@link #parse} applies the envelope's strict schema:
 * {@code v} is the JSON int 2, {@code id} a string of 1..64 characters, {@code type} a string, {@code ts} a string
 * or null, {@code payload} an object. Anything else is a {@link CloseCode#BAD_FRAME}. The signed fields
 * ({@code nonce}, {@code seq}, {@code hmac}) are checked by {@link FrameVerifier}, where a failure is a signature
 * failure.
 */
public final class Frame {

    public static final int PROTOCOL_VERSION = 2;

    private final Map<String, Object> fields;
    private final String type;
    private final String id;
    private final Map<String, Object> payload;

    private Frame(Map<String, Object> fields, String type, String id, Map<String, Object> payload) {
        this.fields = fields;
        this.type = type;
        this.id = id;
        this.payload = payload;
    }

    /** @throws ProtocolException ({@link CloseCode#BAD_FRAME}) for anything but one well-formed envelope */
    public static Frame parse(byte[] utf8) {
        return of(PythonJson.parse(utf8));
    }

    @SuppressWarnings("unchecked")
    static Frame of(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw ProtocolException.badFrame("a frame must be a JSON object");
        }
        Map<String, Object> fields = (Map<String, Object>) map;
        Object v = fields.get("v");
        if (!(v instanceof Long version) || version != PROTOCOL_VERSION) {
            throw ProtocolException.badFrame("frame field v must be the integer 2");
        }
        String type = Fields.requireString(fields, "type", 1, Integer.MAX_VALUE, "frame");
        String id = Fields.requireString(fields, "id", 1, 64, "frame");
        Object ts = fields.get("ts");
        if (ts != null && !(ts instanceof String)) {
            throw ProtocolException.badFrame("frame field ts must be a string or null");
        }
        if (!(fields.get("payload") instanceof Map<?, ?> payload)) {
            throw ProtocolException.badFrame("frame field payload must be an object");
        }
        return new Frame(fields, type, id, (Map<String, Object>) payload);
    }

    public String type() {
        return type;
    }

    public Optional<FrameType> knownType() {
        return FrameType.fromWire(type);
    }

    public String id() {
        return id;
    }

    public Optional<String> ts() {
        return Optional.ofNullable((String) fields.get("ts"));
    }

    public Map<String, Object> payload() {
        return Collections.unmodifiableMap(payload);
    }

    /** Every field as received, for verification and re-canonicalisation. */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return "Frame[type=" + type + ", id=" + id + "]";
    }
}
