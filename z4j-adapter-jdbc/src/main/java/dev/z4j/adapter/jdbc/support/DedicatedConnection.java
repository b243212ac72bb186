package dev.z4j.adapter.jdbc.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL connection of its own, outside the pool, for a session that must live long: the cluster bus's
 * listener and the leader's advisory lock. Both ends watch the TCP connection (keepalives every 10 s after 30 s idle,
 * 3 probes), so a replica that vanishes without closing its socket loses its session, and with it the lock, within
 * about a minute; its application name shows in {@code pg_stat_activity}.
 */
public final class DedicatedConnection {

    private DedicatedConnection() {
    }

    /** @throws SQLException when PostgreSQL cannot be reached (describe it with {@link ConnectionFailures}) */
    public static Connection open(DatabaseUrl url, String applicationName) throws SQLException {
        if (url.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("dedicated connections are for PostgreSQL");
        }
        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            statement.execute("SET tcp_keepalives_idle = 30");
            statement.execute("SET tcp_keepalives_interval = 10");
            statement.execute("SET tcp_keepalives_count = 3");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
