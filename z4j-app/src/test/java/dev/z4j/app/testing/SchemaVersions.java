package dev.z4j.app.testing;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.FlywaySchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The migration versions this build knows, read from its migrations (as Flyway sees them on an empty database), so
 * tests that print or expect schema versions do not change each time a feature adds a migration.
 */
public final class SchemaVersions {

    private static final List<String> ALL = read();

    private SchemaVersions() {
    }

    /** Every version, oldest first. */
    public static List<String> all() {
        return ALL;
    }

    public static String latest() {
        return ALL.get(ALL.size() - 1);
    }

    /** The version before the latest: a database one migration behind. */
    public static String previous() {
        return ALL.get(ALL.size() - 2);
    }

    /** The versions after {@code version}, as the CLI lists them: {@code "3, 4, 6"}. */
    public static String after(String version) {
        return String.join(", ", pendingAfter(version));
    }

    /** How many versions come after {@code version}. */
    public static int countAfter(String version) {
        return pendingAfter(version).size();
    }

    private static List<String> pendingAfter(String version) {
        int index = ALL.indexOf(version);
        if (index < 0) {
            throw new IllegalArgumentException("no migration " + version);
        }
        return ALL.subList(index + 1, ALL.size());
    }

    private static List<String> read() {
        try {
            Path dir = Files.createTempDirectory("z4j-schema-versions");
            List<String> versions = new FlywaySchema(DatabaseUrl.sqlite(dir.resolve("empty.db"))).status()
                    .pendingVersions();
            Files.deleteIfExists(dir.resolve("empty.db"));
            Files.deleteIfExists(dir);
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
