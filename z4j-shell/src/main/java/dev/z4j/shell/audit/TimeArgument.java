package dev.z4j.shell.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as operators type it, always UTC: {@code 2026-04-23 12:00:00} (as in the seed's SQL),
 * {@code 2026-04-23T12:00:00Z}, {@code 2026-04-23}, or a time ago: {@code 90m}, {@code 24h}, {@code 7d}.
 */
final class TimeArgument {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

    private TimeArgument() {
    }

    static Instant parse(String text, Clock clock) {
        String value = text.strip();
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            String iso = value.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(iso).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time; use 2026-04-23 12:00:00 (UTC), "
                    + "2026-04-23T12:00:00Z, 2026-04-23, or an age such as 24h or 7d");
        }
    }
}
