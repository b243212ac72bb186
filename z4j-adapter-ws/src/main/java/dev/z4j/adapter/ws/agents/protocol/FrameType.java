package dev.z4j.adapter.ws.agents.protocol;

import java.util.Optional;

/** The frame types of protocol v2, who sends them, and whether they carry a signature. */
public enum FrameType {
    HELLO("hello", Sender.AGENT, false),
    HELLO_ACK("hello_ack", Sender.BRAIN, false),
    EVENT_BATCH("event_batch", Sender.AGENT, true),
    EVENT_BATCH_ACK("event_batch_ack", Sender.BRAIN, true),
    HEARTBEAT("heartbeat", Sender.AGENT, true),
    AGENT_STATUS("agent_status", Sender.AGENT, true),
    COMMAND("command", Sender.BRAIN, true),
    COMMAND_ACK("command_ack", Sender.AGENT, true),
    COMMAND_RESULT("command_result", Sender.AGENT, true),
    REGISTRY_DELTA("registry_delta", Sender.AGENT, true),
    ERROR("error", Sender.EITHER, true);

    public enum Sender { AGENT, BRAIN, EITHER }

    private final String wire;
    private final Sender sender;
    private final boolean signed;

    FrameType(String wire, Sender sender, boolean signed) {
        this.wire = wire;
        this.sender = sender;
        this.signed = signed;
    }

    public String wire() {
        return wire;
    }

    public boolean signed() {
        return signed;
    }

    public boolean sentByAgents() {
        return sender != Sender.BRAIN;
    }

    public static Optional<FrameType> fromWire(String type) {
        for (FrameType t : values()) {
            if (t.wire.equals(type)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
