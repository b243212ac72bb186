package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.domain.support.Checksums;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/** Homes for the operations tests: secrets written directly, the schema migrated in-process (fast set-up). */
final class OpsHomes {

    static final String SECRET = "ops-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    private OpsHomes() {
    }

    /** A home with secret.env and a database migrated to the latest version. */
    static Path migrated(Path home) {
        withSecrets(home);
        int exit = Main.run(new String[] {"migrate"}, Map.of("Z4J_HOME", home.toString()), InputStream.nullInputStream(),
                quiet(), quiet());
        assertThat(exit).isZero();
        return home;
    }

    /** A home whose SQLite database is migrated only up to {@code version} (an older z4j's database). */
    static Path atVersion(Path home, String version) {
        withSecrets(home);
        Flyway.configure().dataSource("jdbc:sqlite:" + home.resolve("z4j.db"), null, null)
                .locations("classpath:db/migration/sqlite").target(version).load().migrate();
        return home;
    }

    static Path withSecrets(Path home) {
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Path secrets = home.resolve("secret.env");
            if (!Files.exists(secrets)) {
                Files.writeString(secrets, "Z4J_SECRET=" + SECRET + "\n");
                Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file of the home (but the lock, which records the last holder's pid) and its digest. */
    static Map<String, String> snapshot(Path home) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(home)) {
            all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("z4j.lock"))
                    .forEach(p -> files.put(home.relativize(p).toString(), Checksums.sha256(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** One value from a SQLite file. */
    static long queryLong(Path database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(Path database, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Z4jProcess.Result ok(Z4jProcess z4j, String... args) {
        Z4jProcess.Result result = z4j.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    static Z4jProcess.Result fails(int exitCode, Z4jProcess z4j, String... args) {
        Z4jProcess.Result result = z4j.run(args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.stderr()).as(result.toString()).doesNotContain("\tat ");
        return result;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
