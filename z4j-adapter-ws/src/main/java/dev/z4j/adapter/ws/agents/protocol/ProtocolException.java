package dev.z4j.adapter.ws.agents.protocol;

/**
 * A frame the brain refuses, and the close code the session ends with. The message is the close reason: short,
 * without secrets and without the frame's content.
 */
public final class ProtocolException extends RuntimeException {

    private final CloseCode closeCode;

    public ProtocolException(CloseCode closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    public CloseCode closeCode() {
        return closeCode;
    }

    static ProtocolException badFrame(String reason) {
        return new ProtocolException(CloseCode.BAD_FRAME, reason);
    }

    static ProtocolException badSignature(String reason) {
        return new ProtocolException(CloseCode.BAD_SIGNATURE, reason);
    }
}
