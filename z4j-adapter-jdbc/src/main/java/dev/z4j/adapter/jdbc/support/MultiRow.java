package dev.z4j.adapter.jdbc.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * One {@code INSERT ... VALUES (...), (...), ...} for a whole list of rows, over plain JDBC: the write path of
 * ingestion, where binding thousands of parameters through JDBI's argument lookup would cost as much as the insert.
 * Values are bound as the dialect stores them ({@link JdbiTypes}); a list longer than one statement may carry (both
 * databases cap the parameters of a statement) is split into as few statements as that allows.
 */
public final class MultiRow<R> {

    /** Below SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement. */
    private static final int MAX_PARAMETERS = 32_000;

    /** How a column is bound. */
    public enum Kind { TEXT, LONG, UUID, INSTANT, JSON }

    /** A column: its name, its kind, and how to read its value from a row (null for SQL NULL). */
    public record Column<R>(String name, Kind kind, Function<R, Object> value) {
    }

    private final Dialect dialect;
    private final String table;
    private final String head;
    private final String tail;
    private final List<Column<R>> columns;
    private final String rowPlaceholders;

    /**
     * @param table the table
     * @param tail  what follows the values ({@code ON CONFLICT ...}, {@code RETURNING ...}), may be empty
     */
    public MultiRow(Dialect dialect, String table, List<Column<R>> columns, String tail) {
        this.dialect = dialect;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.tail = tail;
        StringBuilder names = new StringBuilder();
        StringBuilder placeholders = new StringBuilder("(");
        for (Column<R> column : columns) {
            if (names.length() > 0) {
                names.append(", ");
                placeholders.append(", ");
            }
            names.append(column.name());
            placeholders.append(column.kind() == Kind.JSON && dialect == Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?");
        }
        this.head = "INSERT INTO " + table + " (" + names + ") VALUES ";
        this.rowPlaceholders = placeholders.append(')').toString();
    }

    /** Rows per statement. */
    int chunk() {
        return Math.max(1, MAX_PARAMETERS / columns.size());
    }

    /** Runs the insert for every row. */
    public void execute(Handle handle, List<R> rows) {
        forEachChunk(handle, rows, statement -> {
            statement.executeUpdate();
            return null;
        });
    }

    /** Runs the insert for every row and reads the first column its {@code RETURNING} clause returns, as UUIDs. */
    public List<UUID> executeReturningIds(Handle handle, List<R> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        forEachChunk(handle, rows, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Object value = result.getObject(1);
                    ids.add(value instanceof UUID u ? u : UUID.fromString(value.toString()));
                }
            }
            return null;
        });
        return ids;
    }

    private interface Run {
        Void apply(PreparedStatement statement) throws SQLException;
    }

    private void forEachChunk(Handle handle, List<R> rows, Run run) {
        Connection connection = handle.getConnection();
        int chunk = chunk();
        for (int from = 0; from < rows.size(); from += chunk) {
            List<R> part = rows.subList(from, Math.min(rows.size(), from + chunk));
            String sql = head + String.join(", ", java.util.Collections.nCopies(part.size(), rowPlaceholders))
                    + (tail.isEmpty() ? "" : " " + tail);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (R row : part) {
                    for (Column<R> column : columns) {
                        bind(statement, index++, column.kind(), column.value().apply(row));
                    }
                }
                run.apply(statement);
            } catch (SQLException e) {
                throw new MultiRowException("bulk insert into " + table + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void bind(PreparedStatement statement, int index, Kind kind, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, switch (kind) {
                case LONG -> Types.BIGINT;
                case UUID -> dialect == Dialect.POSTGRESQL ? Types.OTHER : Types.VARCHAR;
                case INSTANT -> dialect == Dialect.POSTGRESQL ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR;
                default -> Types.VARCHAR;
            });
            return;
        }
        switch (kind) {
            case TEXT, JSON -> statement.setString(index, (String) value);
            case LONG -> statement.setLong(index, ((Number) value).longValue());
            case UUID -> {
                if (dialect == Dialect.POSTGRESQL) {
                    statement.setObject(index, value);
                } else {
                    statement.setString(index, value.toString());
                }
            }
            case INSTANT -> {
                Instant instant = ((Instant) value).truncatedTo(ChronoUnit.MICROS);
                if (dialect == Dialect.POSTGRESQL) {
                    statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                } else {
                    statement.setString(index, JdbiTypes.sqliteText(instant));
                }
            }
        }
    }

    /** A bulk statement failed; the transaction it ran in is rolled back by its caller. */
    public static final class MultiRowException extends RuntimeException {
        MultiRowException(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
