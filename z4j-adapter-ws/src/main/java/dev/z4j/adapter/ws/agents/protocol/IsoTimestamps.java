package dev.z4j.adapter.ws.agents.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamps on the wire. The brain writes pydantic's form, {@code 2026-05-13T10:00:00.123456Z}. It reads what
 * Python 3.11's {@code datetime.fromisoformat} reads in practice: date, {@code T} or space, {@code HH:MM[:SS[.f…]]},
 * and an offset ({@code Z}, {@code ±HH:MM[:SS[.ffffff]]} or {@code ±HHMM}). Without an offset a timestamp is naive.
 */
public final class IsoTimestamps {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
                    + "(Z|z|[+-]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?|[+-]\\d{4})?");

    private IsoTimestamps() {
    }

    public static String format(Instant instant) {
        return WIRE.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** The instant of an ISO-8601 timestamp with an offset; empty when it is naive or not a timestamp. */
    public static Optional<Instant> parseAware(String text) {
        Matcher m = ISO.matcher(text);
        if (!m.matches() || m.group(8) == null) {
            return Optional.empty();
        }
        return local(m).map(local -> local.toInstant(ZoneOffset.UTC).minusSeconds(offsetSeconds(m.group(8))));
    }

    /** Whether the text is an ISO-8601 date-time, naive or not (pydantic accepts both for datetime fields). */
    public static boolean isDateTime(String text) {
        Matcher m = ISO.matcher(text);
        return m.matches() && local(m).isPresent();
    }

    private static Optional<LocalDateTime> local(Matcher m) {
        try {
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
            return Optional.of(LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), Integer.parseInt(fraction)));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static long offsetSeconds(String offset) {
        if (offset.equalsIgnoreCase("Z")) {
            return 0;
        }
        int sign = offset.charAt(0) == '-' ? -1 : 1;
        String digits = offset.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = Integer.parseInt(digits.substring(2, 4));
        int seconds = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        return sign * (hours * 3600L + minutes * 60L + seconds);
    }
}
