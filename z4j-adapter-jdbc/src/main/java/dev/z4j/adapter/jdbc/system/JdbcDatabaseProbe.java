package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.ports.system.DatabaseProbe;
import dev.z4j.ports.system.DatabaseUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Describes and pings the database through the adapter's connections. */
public final class JdbcDatabaseProbe implements DatabaseProbe {

    static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Database database;
    private final ExecutorService pings = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "z4j-database-ping");
        thread.setDaemon(true);
        return thread;
    });

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

    /**
     * {@code SELECT 1}, bounded by {@link #PING_TIMEOUT}: while the database is down a pool may wait far longer for a
     * connection, and readiness probes must answer promptly.
     */
    @Override
    public void ping() {
        Future<Integer> answer = pings.submit(() -> database.read(h -> h.createQuery("SELECT 1").mapTo(Integer.class)
                .one()));
        try {
            answer.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new DatabaseUnavailableException("the database did not answer within " + PING_TIMEOUT.toSeconds()
                    + " s (" + database.url().location() + ")", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DatabaseUnavailableException unavailable) {
                throw unavailable;
            }
            throw new DatabaseUnavailableException("the database did not answer: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while pinging the database", e);
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
