package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.ports.system.RowCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Counts the rows of the main tables that exist so far. */
public final class JdbcRowCounts implements RowCounts {

    /** In the order {@code z4j status} prints them. */
    public static final List<String> TABLES = List.of("users", "projects", "agents", "tasks", "events", "audit_log");

    private final Database database;

    public JdbcRowCounts(Database database) {
        this.database = database;
    }

    @Override
    public Map<String, Long> count() {
        Set<String> existing = tables();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (existing.contains(table)) {
                counts.put(table, database.read(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Long.class).one()));
            }
        }
        return counts;
    }

    @Override
    public OptionalLong activeOwners() {
        if (!tables().contains("users")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(database.read(h -> h.createQuery(
                        "SELECT COUNT(*) FROM users WHERE is_owner = :yes AND is_active = :yes")
                .bind("yes", true)
                .mapTo(Long.class).one()));
    }

    /** The tables of the current schema. */
    public Set<String> tables() {
        return Set.copyOf(database.read(h -> h.createQuery(database.dialect() == Dialect.SQLITE
                        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                        : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                .mapTo(String.class).list()));
    }
}
