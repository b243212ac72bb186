package dev.z4j.adapter.ws.agents.protocol;

/** The WebSocket close codes of protocol v2 (brain to agent), as the upstream brain sends them. */
public enum CloseCode {
    NORMAL(1000),
    GOING_AWAY(1001),
    INTERNAL_ERROR(1011),
    DISPLACED(4002),
    REVOKED(4003),
    BAD_FRAME(4400),
    UNAUTHORIZED(4401),
    BAD_SIGNATURE(4403),
    IDLE(4408),
    UNSUPPORTED_PROTOCOL(4426),
    RATE_LIMITED(4429);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
