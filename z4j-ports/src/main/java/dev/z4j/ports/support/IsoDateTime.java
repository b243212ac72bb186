package dev.z4j.ports.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 date-time as agents write them, read the way Python 3.11's {@code datetime.fromisoformat} reads them
 * in practice: date, {@code T} or space, {@code HH:MM[:SS[.f…]]}, and an optional offset ({@code Z},
 * {@code ±HH:MM[:SS[.ffffff]]} or {@code ±HHMM}). Shared by the wire protocol (which refuses naive timestamps) and
 * ingestion (which reads a naive timestamp as UTC, as upstream does).
 *
 * @param instant the moment, a naive value read as UTC
 * @param naive   whether the text carried no offset
 */
public record IsoDateTime(Instant instant, boolean naive) {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
                    + "(Z|z|[+-]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?|[+-]\\d{4})?");

    public IsoDateTime {
        Objects.requireNonNull(instant, "instant");
    }

    /** Empty when the text is not such a date-time (or names a day or time that does not exist). */
    public static Optional<IsoDateTime> parse(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDateTime local;
        try {
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
            local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), Integer.parseInt(fraction));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        String offset = m.group(8);
        Instant utc = local.toInstant(ZoneOffset.UTC);
        return Optional.of(offset == null ? new IsoDateTime(utc, true)
                : new IsoDateTime(utc.minusSeconds(offsetSeconds(offset)), false));
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
