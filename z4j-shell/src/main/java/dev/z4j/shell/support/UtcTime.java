package dev.z4j.shell.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as operators read them in command output ({@code 2026-04-23 14:22:05 UTC}) and type them. */
public final class UtcTime {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private UtcTime() {
    }

    public static String seconds(Instant instant) {
        return SECONDS.format(instant);
    }

    /** {@code 2026-04-23 14:22:05}: the form operators type (the seed's SQL, {@code --since}, journalctl), UTC. */
    public static String typed(Instant instant) {
        return TYPED.format(instant);
    }
}
