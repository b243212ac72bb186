package dev.z4j.ports.commands;

import java.util.Objects;

/**
 * The answer to an issuance.
 *
 * @param created false when the idempotency key was used before in the project and {@code command} is that earlier
 *                command (nothing new was stored, audited or sent)
 */
public record IssuedCommand(CommandView command, boolean created) {

    public IssuedCommand {
        Objects.requireNonNull(command, "command");
    }
}
