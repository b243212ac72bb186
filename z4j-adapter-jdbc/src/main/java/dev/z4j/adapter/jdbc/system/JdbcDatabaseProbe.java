package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.ports.system.DatabaseProbe;
import dev.z4j.ports.system.DatabaseUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Describes and pings the database through the adapter's connections. */
public final class JdbcDatabaseProbe implements DatabaseProbe {

    private final Database database;

    public JdbcDatabaseProbe(Database database) {
        this.database = database;
    }

    @Override
    public DatabaseDescription describe() {
        if (database.dialect() == Dialect.SQLITE) {
            Path file = database.url().sqliteFile().orElseThrow();
            String version = database.read(h -> h.createQuery("SELECT sqlite_version()").mapTo(String.class).one());
            long size = sizeOf(file) + sizeOf(Path.of(file + "-wal"));
            return new DatabaseDescription(Kind.SQLITE, file.toString(), Optional.of(file), Optional.of(size),
                    "SQLite " + version);
        }
        String version = database.read(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
        long size = database.read(h -> h.createQuery("SELECT pg_database_size(current_database())")
                .mapTo(Long.class).one());
        return new DatabaseDescription(Kind.POSTGRESQL, database.url().location(), Optional.empty(), Optional.of(size),
                "PostgreSQL " + version);
    }

    @Override
    public void ping() {
        try {
            database.read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (DatabaseUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("the database did not answer: " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
