package dev.z4j.adapter.jdbc.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.z4j.ports.system.DatabaseUnavailableException;
import dev.z4j.ports.system.StorageFullException;
import dev.z4j.ports.system.Transactions;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one database and the transaction in progress on each thread.
 *
 * <p>SQLite gets exactly one writer connection ({@code BEGIN IMMEDIATE}, so every write is serialised in this
 * process and waits on {@code busy_timeout} for other processes) and a small pool of readers; WAL lets readers run
 * while the writer commits. PostgreSQL gets one HikariCP pool for both.
 *
 * <p>{@link #inTransaction} joins a transaction already open on the calling thread. {@link #read} uses that
 * transaction's handle when there is one (so a service sees its own uncommitted writes) and a reader otherwise.
 */
public final class Database implements Transactions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    private static final int SQLITE_READERS = 4;
    /** Connections a long read leaves in the readers' pool (PostgreSQL: the only pool) for requests and agents. */
    private static final int READERS_KEPT_FREE = 1;

    private final DatabaseUrl url;
    private final HikariDataSource writer;
    private final HikariDataSource readers;
    private final Jdbi writeJdbi;
    private final Jdbi readJdbi;
    private final ThreadLocal<Handle> currentTransaction = new ThreadLocal<>();
    private final WalCheckpointer checkpointer;

    private Database(DatabaseUrl url, HikariDataSource writer, HikariDataSource readers) {
        this.url = url;
        this.writer = writer;
        this.readers = readers;
        this.checkpointer = readers == writer ? null : new WalCheckpointer(readers);
        this.writeJdbi = JdbiTypes.configure(Jdbi.create(writer), url.dialect());
        this.readJdbi = readers == writer ? writeJdbi : JdbiTypes.configure(Jdbi.create(readers), url.dialect());
    }

    /**
     * Opens the pools and proves the database answers.
     *
     * @throws DatabaseUnavailableException with a one-line reason (host, credentials, refused, file) when it does not
     */
    public static Database open(DatabaseUrl url, int postgresPoolSize) {
        try {
            if (url.dialect() == Dialect.SQLITE) {
                HikariDataSource writer = new HikariDataSource(sqliteConfig(url, "z4j-sqlite-writer", 1, true));
                HikariDataSource readers;
                try {
                    readers = new HikariDataSource(sqliteConfig(url, "z4j-sqlite-readers", SQLITE_READERS, false));
                } catch (RuntimeException e) {
                    writer.close();
                    throw e;
                }
                return new Database(url, writer, readers);
            }
            HikariDataSource pool = new HikariDataSource(postgresConfig(url, postgresPoolSize));
            return new Database(url, pool, pool);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(ConnectionFailures.describe(e, url), e);
        }
    }

    static Properties sqliteProperties(boolean writer) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "NORMAL");
        p.setProperty("foreign_keys", "true");
        p.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
        if (writer) {
            p.setProperty("transaction_mode", "IMMEDIATE");
            p.setProperty("cache_size", "-65536");
            p.setProperty("wal_autocheckpoint", "16384");
        }
        return p;
    }

    private static HikariConfig sqliteConfig(DatabaseUrl url, String name, int size, boolean writer) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url.jdbcUrl());
        config.setDataSourceProperties(sqliteProperties(writer));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(writer ? 1 : 0);
        config.setConnectionTimeout(30_000);
        config.setMaxLifetime(0);
        config.setIdleTimeout(writer ? 0 : 60_000);
        return config;
    }

    private static HikariConfig postgresConfig(DatabaseUrl url, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("z4j-postgresql");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("connectTimeout", "10");
        config.addDataSourceProperty("ApplicationName", "z4j-brain");
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        return config;
    }

    public DatabaseUrl url() {
        return url;
    }

    public Dialect dialect() {
        return url.dialect();
    }

    /** The data source that writes; for tools (Flyway, backup) that need plain JDBC. */
    public DataSource writerDataSource() {
        return writer;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (currentTransaction.get() != null) {
            return work.get();
        }
        try (Handle handle = writeJdbi.open()) {
            return handle.inTransaction(h -> {
                currentTransaction.set(h);
                try {
                    return work.get();
                } finally {
                    currentTransaction.remove();
                }
            });
        } catch (ConnectionException e) {
            throw new DatabaseUnavailableException(ConnectionFailures.describe(e, url), e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(RuntimeException e) {
        if (e instanceof DatabaseUnavailableException) {
            return e;
        }
        if (url.dialect() == Dialect.SQLITE && DiskFull.isCause(e)) {
            return diskFull(e);
        }
        if (url.dialect() == Dialect.POSTGRESQL && ConnectionFailures.isConnectionFailure(e)) {
            return new DatabaseUnavailableException(ConnectionFailures.describe(e, url), e);
        }
        return e;
    }

    /** SQLite rolled the transaction back; the writer connection stays usable and writes succeed once space returns. */
    private StorageFullException diskFull(RuntimeException e) {
        Path file = url.sqliteFile().orElseThrow();
        String message = "the disk holding " + file + " is full (" + DiskFull.figures(file.getParent())
                + "): writes are refused until space is freed (df -h; remove old backups); reads keep working";
        LOG.error(message);
        return new StorageFullException(message, e);
    }

    /** Runs a read on the current transaction's handle, or on a reader connection when none is open. */
    public <T> T read(HandleCallback<T, RuntimeException> callback) {
        Handle open = currentTransaction.get();
        if (open != null) {
            return callback.withHandle(open);
        }
        try {
            return readJdbi.withHandle(callback);
        } catch (ConnectionException e) {
            throw new DatabaseUnavailableException(ConnectionFailures.describe(e, url), e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Whether one more reader can be held for long work (a walk spread over threads) while at least
     * {@value #READERS_KEPT_FREE} stays free for everything else; the smallest PostgreSQL pool (2) has none to spare.
     */
    public boolean readerToSpare() {
        return readers.getMaximumPoolSize() - readers.getHikariPoolMXBean().getActiveConnections() - 1
                >= READERS_KEPT_FREE;
    }

    /** A reader connection for work that outlives one callback (a walk spread over threads); the caller closes it. */
    public Handle openReader() {
        try {
            return readJdbi.open();
        } catch (ConnectionException e) {
            throw new DatabaseUnavailableException(ConnectionFailures.describe(e, url), e);
        }
    }

    /** Runs a write in the current transaction, or in a new one. */
    public <T> T write(HandleCallback<T, RuntimeException> callback) {
        return inTransaction(() -> callback.withHandle(currentTransaction.get()));
    }

    public boolean inTransaction() {
        return currentTransaction.get() != null;
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (readers != writer) {
            readers.close();
        }
        writer.close();
    }
}
