package dev.z4j.ports.commands;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of commands; {@code nextCursor} is present when the page was full. */
public record CommandPage(List<CommandView> items, Optional<String> nextCursor) {

    public CommandPage {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
