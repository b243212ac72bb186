package dev.z4j.ports.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a search; {@code nextCursor} is present when more rows match. */
public record AuditPage(List<AuditRecord> rows, Optional<String> nextCursor) {
    public AuditPage {
        rows = List.copyOf(rows);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
