package dev.z4j.adapter.jdbc.agents;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.system.AgentsOnline;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Agents recorded {@code online} across the cluster (the presence sweep keeps the state within the offline
 * timeout); unknown while the database has no agents table yet (a schema behind this build).
 */
public final class JdbcAgentsOnline implements AgentsOnline {

    private final Database database;

    public JdbcAgentsOnline(Database database) {
        this.database = database;
    }

    @Override
    public OptionalLong count() {
        return database.read(h -> {
            if (!agentsTableExists(h.getConnection())) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(h.createQuery("SELECT COUNT(*) FROM agents WHERE state = 'online'")
                    .mapTo(Long.class).one());
        });
    }

    private static boolean agentsTableExists(Connection connection) {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "agents", new String[] {"TABLE"})) {
            return tables.next();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's table list", e);
        }
    }
}
