package dev.z4j.adapter.jdbc.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** Reading typed columns with the dialect's mappers ({@link JdbiTypes}) inside a row mapper. */
public final class Rows {

    private Rows() {
    }

    public static Instant instant(ResultSet rs, String column, StatementContext ctx) throws SQLException {
        return ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, column, ctx);
    }

    public static Optional<Instant> optionalInstant(ResultSet rs, String column, StatementContext ctx)
            throws SQLException {
        return Optional.ofNullable(instant(rs, column, ctx));
    }

    public static UUID uuid(ResultSet rs, String column, StatementContext ctx) throws SQLException {
        return ctx.findColumnMapperFor(UUID.class).orElseThrow().map(rs, column, ctx);
    }

    /** True when {@code failure} (or a cause) is a unique or primary-key violation, on either database. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if ("23505".equals(sql.getSQLState())) {
                    return true;
                }
                String message = sql.getMessage() == null ? "" : sql.getMessage();
                if (message.contains("UNIQUE constraint failed") || message.contains("PRIMARYKEY")) {
                    return true;
                }
            }
        }
        return false;
    }
}
