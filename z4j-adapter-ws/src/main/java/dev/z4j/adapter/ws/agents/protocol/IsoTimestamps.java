package dev.z4j.adapter.ws.agents.protocol;

import dev.z4j.ports.support.IsoDateTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Timestamps on the wire. The brain writes pydantic's form, {@code 2026-05-13T10:00:00.123456Z}. It reads what
 * Python 3.11's {@code datetime.fromisoformat} reads in practice ({@link IsoDateTime}). Without an offset a timestamp
 * is naive.
 */
public final class IsoTimestamps {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private IsoTimestamps() {
    }

    public static String format(Instant instant) {
        return WIRE.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** The instant of an ISO-8601 timestamp with an offset; empty when it is naive or not a timestamp. */
    public static Optional<Instant> parseAware(String text) {
        return IsoDateTime.parse(text).filter(t -> !t.naive()).map(IsoDateTime::instant);
    }

    /** Whether the text is an ISO-8601 date-time, naive or not (pydantic accepts both for datetime fields). */
    public static boolean isDateTime(String text) {
        return IsoDateTime.parse(text).isPresent();
    }
}
