package dev.z4j.adapter.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories removed with everything in them when the JVM exits: test databases and benchmark homes left
 * behind reach tens of gigabytes over many runs, and a full disk changes what the brain reports.
 */
public final class TempDirs {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::deleteAll, "z4j-test-temp-cleanup"));
    }

    private TempDirs() {
    }

    public static synchronized Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            CREATED.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void deleteAll() {
        for (Path dir : CREATED) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteQuietly);
            } catch (IOException | UncheckedIOException ignored) {
                // already gone, or unreadable: nothing more to do while the JVM exits
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort while the JVM exits
        }
    }
}
