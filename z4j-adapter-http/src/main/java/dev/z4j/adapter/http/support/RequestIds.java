package dev.z4j.adapter.http.support;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;

/**
 * Every request gets an id: a well-formed inbound {@code X-Request-Id} (1-64 visible ASCII characters) is kept,
 * otherwise {@code req_} plus 16 hex digits. It is echoed in the response header, in error envelopes and on every
 * log line written while the request runs.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "z4j.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String inbound = ctx.header(HEADER);
        String id = isWellFormed(inbound) ? inbound.trim() : generate();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put("request_id", id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "" : id;
    }

    public static void release() {
        MDC.remove("request_id");
    }

    static boolean isWellFormed(String value) {
        if (value == null) {
            return false;
        }
        String trimmed = value.trim();
        return !trimmed.isEmpty() && trimmed.length() <= 64 && trimmed.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    private static String generate() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
