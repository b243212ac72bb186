package dev.z4j.ports.schedules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of schedules; {@code nextCursor} is present when more follow. */
public record SchedulePage(List<ScheduleView> items, Optional<String> nextCursor) {

    public SchedulePage {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
