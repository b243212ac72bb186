package dev.z4j.ports.commands;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An agent's {@code command_result}: success or failure, its result object and its error text. */
public record CommandReply(boolean success, Optional<Map<String, Object>> result, Optional<String> error) {

    public CommandReply {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
    }
}
