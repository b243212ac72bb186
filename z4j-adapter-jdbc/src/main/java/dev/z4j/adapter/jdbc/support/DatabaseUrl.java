package dev.z4j.adapter.jdbc.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is, parsed from {@code Z4J_DATABASE_URL}. Accepted forms: unset (SQLite {@code z4j.db} in the
 * home), {@code sqlite:///relative.db} or {@code sqlite:////absolute/z4j.db} (SQLAlchemy's convention, also with
 * {@code +aiosqlite}), {@code postgresql://user:pass@host:port/db?sslmode=...} (also {@code postgres://} and
 * {@code postgresql+asyncpg://}), and {@code jdbc:sqlite:...} / {@code jdbc:postgresql://...}.
 * {@link #toString()} never shows the password.
 */
public final class DatabaseUrl {

    private final Dialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Path sqliteFile;
    private final PostgresServer server;
    private final String displayLocation;

    private DatabaseUrl(Dialect dialect, String jdbcUrl, String user, String password, Path sqliteFile,
                        PostgresServer server, String displayLocation) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.sqliteFile = sqliteFile;
        this.server = server;
        this.displayLocation = displayLocation;
    }

    /**
     * Where a PostgreSQL database is.
     *
     * @param query the URL's query string without {@code ?} (such as {@code sslmode=require}), or empty
     */
    public record PostgresServer(String host, int port, String database, String query) {
        /** A query parameter's value, such as {@code sslmode}. */
        public Optional<String> parameter(String name) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return Optional.of(decode(pair.substring(eq + 1)));
                }
            }
            return Optional.empty();
        }
    }

    public static DatabaseUrl sqlite(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite:" + absolute, null, null, absolute, null,
                absolute.toString());
    }

    private static DatabaseUrl postgres(PostgresServer server, String user, String password) {
        String host = server.host().contains(":") && !server.host().startsWith("[")
                ? "[" + server.host() + "]" : server.host();
        String jdbc = "jdbc:postgresql://" + host + ":" + server.port() + "/" + encodePath(server.database())
                + (server.query().isEmpty() ? "" : "?" + server.query());
        return new DatabaseUrl(Dialect.POSTGRESQL, jdbc, user, password, null, server,
                server.host() + ":" + server.port() + "/" + server.database());
    }

    /** The same server and credentials, another database (PostgreSQL only). */
    public DatabaseUrl withDatabase(String database) {
        if (server == null) {
            throw new IllegalStateException("only a PostgreSQL URL names a database");
        }
        return postgres(new PostgresServer(server.host(), server.port(), database, server.query()), user, password);
    }

    /** The PostgreSQL server and database; empty for SQLite. */
    public Optional<PostgresServer> postgresServer() {
        return Optional.ofNullable(server);
    }

    private static String encodePath(String database) {
        return java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param value the configured URL, or empty for the default
     * @param home  the z4j home, where the default SQLite database lives
     * @throws IllegalArgumentException naming what is wrong with the URL (never echoing a password)
     */
    public static DatabaseUrl parse(Optional<String> value, Path home) {
        if (value.isEmpty() || value.get().isBlank()) {
            return sqlite(home.resolve("z4j.db"));
        }
        String url = value.get().trim();
        if (url.startsWith("jdbc:sqlite:")) {
            String path = url.substring("jdbc:sqlite:".length());
            if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) {
                throw new IllegalArgumentException("use a plain file path in jdbc:sqlite: URLs");
            }
            return sqlite(Path.of(path));
        }
        if (url.startsWith("sqlite:") || url.startsWith("sqlite+")) {
            int slashes = url.indexOf(":///");
            if (slashes < 0 || url.length() <= slashes + 4) {
                throw new IllegalArgumentException(
                        "a SQLite URL must look like sqlite:///relative/path.db or sqlite:////absolute/path.db");
            }
            return sqlite(Path.of(url.substring(slashes + 4)));
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return postgresFromUri(url.substring("jdbc:".length()));
        }
        if (url.startsWith("postgresql:") || url.startsWith("postgres:") || url.startsWith("postgresql+")) {
            return postgresFromUri(url);
        }
        throw new IllegalArgumentException("unsupported database URL scheme '" + scheme(url)
                + "'; use postgresql://user:pass@host:5432/db, sqlite:////path/z4j.db, or a jdbc: URL");
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':');
        return colon < 0 ? url.replaceAll("[^A-Za-z0-9+.-].*", "") : url.substring(0, colon);
    }

    private static DatabaseUrl postgresFromUri(String url) {
        URI uri;
        try {
            uri = new URI(url.replaceFirst("^[a-z0-9+]+://", "postgresql://"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the PostgreSQL URL is not a valid URI (" + e.getReason() + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the PostgreSQL URL has no host; use postgresql://user:pass@host:5432/db");
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw new IllegalArgumentException("the PostgreSQL URL names no database; use postgresql://user:pass@host:5432/db");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String query = uri.getRawQuery();
        return postgres(new PostgresServer(host, port, decode(database), query == null ? "" : query), user, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public Dialect dialect() {
        return dialect;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Optional<Path> sqliteFile() {
        return Optional.ofNullable(sqliteFile);
    }

    /** The file path, or {@code host:port/database}: safe to print. */
    public String location() {
        return displayLocation;
    }

    @Override
    public String toString() {
        return dialect.name().toLowerCase(java.util.Locale.ROOT) + " " + displayLocation;
    }
}
