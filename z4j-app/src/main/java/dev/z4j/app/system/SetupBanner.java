package dev.z4j.app.system;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The first-boot box printed to stderr (never to the log): the setup URL and when its token expires. */
public final class SetupBanner {

    private static final int WIDTH = 72;

    private SetupBanner() {
    }

    public static void print(PrintStream err, String url, Instant expiresAt) {
        String title = "z4j first-boot setup";
        int pad = (WIDTH - 2 - title.length()) / 2;
        List<String> lines = List.of(
                " ".repeat(pad) + title,
                "",
                " Open this URL in your browser to create the first owner:",
                "",
                " " + url,
                "",
                " Token expires at: " + expiresAt.truncatedTo(ChronoUnit.SECONDS) + " (UTC)",
                " Single use. For a new one: restart the brain or run `z4j reset-setup`.");
        StringBuilder box = new StringBuilder("\n╔").append("═".repeat(WIDTH - 2)).append("╗\n");
        for (String line : lines) {
            box.append('║').append(line);
            int fill = WIDTH - 2 - line.length();
            box.append(" ".repeat(Math.max(0, fill))).append(fill >= 0 ? "║" : "").append('\n');
        }
        box.append('╚').append("═".repeat(WIDTH - 2)).append("╝\n");
        err.print(box);
        err.flush();
    }
}
