package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.ConnectionFailures;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.support.DatabaseUrl.PostgresServer;
import dev.z4j.ports.system.DatabaseUnavailableException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg_dump} / {@code pg_restore} from {@code PATH}, and the database-level statements restore needs (create,
 * rename, drop a database, list its connections) on the server's {@code postgres} maintenance database. Passwords go to
 * the tools through {@code PGPASSWORD}, never on a command line; tool output is reduced to its first line.
 */
public final class PostgresTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    private static final String MAINTENANCE_DATABASE = "postgres";

    private final DatabaseUrl url;
    private final PostgresServer server;
    private final Map<String, String> environment;

    /**
     * @param url         the live database
     * @param environment the process environment (for {@code PATH})
     */
    public PostgresTools(DatabaseUrl url, Map<String, String> environment) {
        this.url = url;
        this.server = url.postgresServer().orElseThrow(() -> new IllegalArgumentException("not a PostgreSQL URL"));
        this.environment = Map.copyOf(environment);
    }

    public DatabaseUrl url() {
        return url;
    }

    /** Why {@code tool} cannot work with this server (missing, or older than the server), or empty when it can. */
    public Optional<String> unavailableReason(String tool) {
        Optional<Path> executable = find(tool);
        if (executable.isEmpty()) {
            return Optional.of(tool + " not found on PATH; install the PostgreSQL client tools of the server's major "
                    + "version or newer (Debian/Ubuntu: postgresql-client-<major> from apt.postgresql.org)");
        }
        int toolMajor = toolMajorVersion(executable.get());
        int serverMajor = serverVersionNumber() / 10000;
        if (toolMajor < serverMajor) {
            return Optional.of(tool + " " + toolMajor + " on PATH (" + executable.get() + ") cannot work with "
                    + "PostgreSQL " + serverMajor + " (it must be at least the server's major version); install "
                    + "postgresql-client-" + serverMajor + " and put it first on PATH");
        }
        return Optional.empty();
    }

    /** Writes a custom-format archive of the live database ({@code pg_dump -Fc}). */
    public void dump(Path target) {
        run(List.of(require("pg_dump").toString(), "--format=custom", "--compress=6", "--no-owner", "--no-acl",
                "--file=" + target, "--dbname=" + server.database()), "pg_dump");
    }

    /** Restores an archive into {@code database}, which must be empty, in one transaction. */
    public void restore(Path archive, String database) {
        run(List.of(require("pg_restore").toString(), "--no-owner", "--no-acl", "--exit-on-error",
                "--single-transaction", "--dbname=" + database, archive.toString()), "pg_restore");
    }

    /** The archive's table of contents; fails when the file is not an archive this pg_restore can read. */
    public List<String> list(Path archive) {
        return run(List.of(require("pg_restore").toString(), "--list", archive.toString()), "pg_restore").lines()
                .filter(line -> !line.startsWith(";") && !line.isBlank()).toList();
    }

    public void createDatabase(String name) {
        maintenance("CREATE DATABASE " + quote(name));
    }

    public void dropDatabase(String name) {
        maintenance("DROP DATABASE IF EXISTS " + quote(name));
    }

    public void renameDatabase(String from, String to) {
        maintenance("ALTER DATABASE " + quote(from) + " RENAME TO " + quote(to));
    }

    public boolean databaseExists(String name) {
        return !maintenanceQuery("SELECT datname FROM pg_database WHERE datname = ?", name).isEmpty();
    }

    /** Sessions connected to {@code database}, as {@code application@client_addr}. */
    public List<String> connectionsTo(String database) {
        return maintenanceQuery("SELECT coalesce(nullif(application_name, ''), 'unnamed') || '@' "
                + "|| coalesce(host(client_addr), 'local') FROM pg_stat_activity WHERE datname = ? "
                + "AND pid <> pg_backend_pid()", database);
    }

    /** {@code server_version_num}, such as 170005. */
    public int serverVersionNumber() {
        List<String> rows = maintenanceQuery("SELECT current_setting('server_version_num')");
        return Integer.parseInt(rows.get(0));
    }

    private Path require(String tool) {
        unavailableReason(tool).ifPresent(reason -> {
            throw new ToolFailedException(reason);
        });
        return find(tool).orElseThrow();
    }

    private Optional<Path> find(String tool) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private int toolMajorVersion(Path executable) {
        String output = run(List.of(executable.toString(), "--version"), executable.getFileName().toString());
        Matcher m = VERSION.matcher(output);
        if (!m.find()) {
            throw new ToolFailedException("cannot tell the version of " + executable + " from '" + output.strip() + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    private String run(List<String> command, String tool) {
        Path stderr = null;
        try {
            stderr = Files.createTempFile("z4j-" + tool, ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            Map<String, String> env = builder.environment();
            env.putAll(libpqEnvironment());
            Process process = builder.start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                String error = Files.readString(stderr, StandardCharsets.UTF_8).lines()
                        .map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no message");
                throw new ToolFailedException(tool + " failed (exit " + exit + "): " + error);
            }
            return out;
        } catch (IOException e) {
            throw new ToolFailedException("cannot run " + tool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailedException(tool + " was interrupted");
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans it eventually
                }
            }
        }
    }

    /** Connection settings for libpq tools: host, port, user, password, sslmode, without a command line. */
    private Map<String, String> libpqEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", server.host().startsWith("[") ? server.host().substring(1, server.host().length() - 1)
                : server.host());
        env.put("PGPORT", Integer.toString(server.port()));
        url.user().or(() -> server.parameter("user")).ifPresent(u -> env.put("PGUSER", u));
        url.password().or(() -> server.parameter("password")).ifPresent(p -> env.put("PGPASSWORD", p));
        server.parameter("sslmode").ifPresent(m -> env.put("PGSSLMODE", m));
        env.put("PGAPPNAME", "z4j-cli");
        env.put("PGCONNECT_TIMEOUT", "10");
        return env;
    }

    private void maintenance(String sql) {
        try (Connection c = maintenanceConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new ToolFailedException(firstLine(e.getMessage()) + " (" + sql.split(" ")[0] + " "
                    + sql.split(" ")[1] + " on " + server.host() + ":" + server.port() + ")");
        }
    }

    private List<String> maintenanceQuery(String sql, String... parameters) {
        try (Connection c = maintenanceConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new ToolFailedException(firstLine(e.getMessage()));
        }
    }

    private Connection maintenanceConnection() {
        DatabaseUrl maintenance = url.withDatabase(MAINTENANCE_DATABASE);
        try {
            return DriverManager.getConnection(maintenance.jdbcUrl(), maintenance.user().orElse(null),
                    maintenance.password().orElse(null));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(ConnectionFailures.describe(e, maintenance), e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse(message);
    }

    /** A PostgreSQL client tool or statement failed; the message is one line without credentials. */
    public static final class ToolFailedException extends RuntimeException {
        public ToolFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
