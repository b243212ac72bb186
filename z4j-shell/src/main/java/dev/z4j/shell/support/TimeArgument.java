package dev.z4j.shell.support;

import dev.z4j.ports.audit.AuditQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as operators type it, always UTC: {@code 2026-04-23 12:00:00} (as in the seed's SQL),
 * {@code 2026-04-23T12:00:00Z}, {@code 2026-04-23}, or a time ago: {@code 90m}, {@code 24h}, {@code 7d}.
 */
public final class TimeArgument {

    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

    private TimeArgument() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Instant parse(String text, Clock clock) {
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
            return AuditQuery.parseTime(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", or an age such as 24h or 7d");
        }
    }
}
