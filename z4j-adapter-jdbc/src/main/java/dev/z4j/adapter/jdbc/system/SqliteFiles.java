package dev.z4j.adapter.jdbc.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks at SQLite database files that are not the live, open database: a backup being restored or drilled, the
 * live file while no brain runs. Each call opens one plain connection and closes it.
 */
public final class SqliteFiles {

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFiles() {
    }

    /** Whether the file starts with SQLite's 16-byte header. */
    public static boolean hasSqliteHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code PRAGMA integrity_check}: empty when the file is sound, else its first problems (at most five). */
    public static List<String> integrityProblems(Path file) {
        List<String> problems = new ArrayList<>();
        try (Connection c = open(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check(5)")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.add(line);
                }
            }
        } catch (SQLException e) {
            problems.add(firstLine(e));
        }
        return problems;
    }

    /** The file's tables. */
    public static Set<String> tables(Path file) {
        Set<String> tables = new HashSet<>();
        try (Connection c = open(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables of " + file + ": " + firstLine(e), e);
        }
        return tables;
    }

    /**
     * Moves every committed page from the WAL into the database file and empties the WAL, so the file alone holds
     * the data. Needs no other connection to be open (no brain running).
     *
     * @return false when SQLite could not complete it (busy, or the file is unreadable)
     */
    public static boolean checkpoint(Path file) {
        try (Connection c = open(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return rs.next() && rs.getInt(1) == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The WAL and shared-memory files SQLite keeps beside a database. */
    public static List<Path> sidecars(Path file) {
        return List.of(file.resolveSibling(file.getFileName() + "-wal"), file.resolveSibling(file.getFileName() + "-shm"),
                file.resolveSibling(file.getFileName() + "-journal"));
    }

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
