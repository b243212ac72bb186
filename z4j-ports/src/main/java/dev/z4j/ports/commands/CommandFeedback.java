package dev.z4j.ports.commands;

import java.util.UUID;

/**
 * In-port: what agents tell the command service. The gateway calls it with the identity of the authenticated
 * session; replies for commands of another agent or project, or after a timeout, are the service's to ignore.
 */
public interface CommandFeedback {

    /** A connection of the agent finished its handshake: pending commands can be delivered now. */
    void agentReady(UUID projectId, UUID agentId);

    void acknowledged(UUID projectId, UUID agentId, UUID commandId);

    void finished(UUID projectId, UUID agentId, UUID commandId, CommandReply reply);
}
