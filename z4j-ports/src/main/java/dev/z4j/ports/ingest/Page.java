package dev.z4j.ports.ingest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paginated list, newest first. {@code nextCursor} is present when more items may follow: pass
 * it back as the {@code cursor} to get them. A cursor names a position, not an offset, so rows inserted meanwhile
 * neither shift a page nor repeat on the next one.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
