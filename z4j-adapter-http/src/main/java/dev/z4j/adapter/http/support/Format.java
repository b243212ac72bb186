package dev.z4j.adapter.http.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How pages write values: times in UTC as the CLI prints them, sizes in binary units. */
public final class Format {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String NONE = "—";

    private Format() {
    }

    /** {@code 2026-04-23 14:22:05 UTC}, the form {@code z4j audit verify} prints. */
    public static String time(Instant instant) {
        return UTC.format(instant);
    }

    public static String time(Optional<Instant> instant) {
        return instant.map(Format::time).orElse(NONE);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    public static String iso(Instant instant) {
        return instant.toString();
    }

    public static String bytes(Optional<Long> size) {
        return size.map(Format::bytes).orElse(NONE);
    }

    public static String bytes(long size) {
        if (size < 1024) {
            return size + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public static String text(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).orElse(NONE);
    }
}
