package dev.z4j.adapter.jdbc.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;
import org.postgresql.util.PGobject;

/**
 * How Java values meet columns on each dialect. PostgreSQL stores {@code timestamptz}, {@code uuid} and
 * {@code jsonb}. Both keep microseconds (finer digits are truncated). SQLite stores UUIDs and JSON as text and instants as UTC text {@code YYYY-MM-DD HH:MM:SS.ffffff},
 * which sorts correctly and compares correctly with literals such as {@code '2026-04-23 12:00:00'}.
 */
public final class JdbiTypes {

    private static final DateTimeFormatter SQLITE_TIMESTAMP_READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();

    private JdbiTypes() {
    }

    static Jdbi configure(Jdbi jdbi, Dialect dialect) {
        jdbi.registerColumnMapper(UUID.class, JdbiTypes::uuid);
        jdbi.registerColumnMapper(JsonText.class, (rs, col, ctx) -> {
            String value = rs.getString(col);
            return value == null ? null : new JsonText(value);
        });
        if (dialect == Dialect.SQLITE) {
            jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
                @Override
                protected Argument build(Instant value, ConfigRegistry config) {
                    return text(sqliteText(value));
                }
            });
            jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.VARCHAR) {
                @Override
                protected Argument build(UUID value, ConfigRegistry config) {
                    return text(value.toString());
                }
            });
            jdbi.registerArgument(new AbstractArgumentFactory<JsonText>(Types.VARCHAR) {
                @Override
                protected Argument build(JsonText value, ConfigRegistry config) {
                    return text(value.json());
                }
            });
            jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> sqliteInstant(rs.getString(col)));
        } else {
            jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
                @Override
                protected Argument build(Instant value, ConfigRegistry config) {
                    return (position, statement, ctx) ->
                            statement.setObject(position,
                                    OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
                }
            });
            jdbi.registerArgument(new AbstractArgumentFactory<JsonText>(Types.OTHER) {
                @Override
                protected Argument build(JsonText value, ConfigRegistry config) {
                    return (position, statement, ctx) -> {
                        PGobject json = new PGobject();
                        json.setType("jsonb");
                        json.setValue(value.json());
                        statement.setObject(position, json);
                    };
                }
            });
            jdbi.registerColumnMapper(Instant.class, JdbiTypes::postgresInstant);
        }
        return jdbi;
    }

    /**
     * The text SQLite stores for an instant, {@code YYYY-MM-DD HH:MM:SS.ffffff} in UTC, written directly: ingestion
     * formats several instants per event, and {@code DateTimeFormatter}'s general machinery cost more than the
     * insert they are for.
     */
    public static String sqliteText(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        char[] out = "0000-00-00 00:00:00.000000".toCharArray();
        digits(out, 0, 4, t.getYear());
        digits(out, 5, 2, t.getMonthValue());
        digits(out, 8, 2, t.getDayOfMonth());
        digits(out, 11, 2, t.getHour());
        digits(out, 14, 2, t.getMinute());
        digits(out, 17, 2, t.getSecond());
        digits(out, 20, 6, t.getNano() / 1000);
        return new String(out);
    }

    private static void digits(char[] out, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Parses an instant stored by SQLite (also accepts ISO forms written by hand). */
    public static Instant sqliteInstant(String text) {
        if (text == null) {
            return null;
        }
        Instant stored = storedForm(text);
        return stored != null ? stored : LocalDateTime.parse(text.trim(), SQLITE_TIMESTAMP_READ).toInstant(ZoneOffset.UTC);
    }

    /** The exact form this adapter writes, read without a formatter (the audit walk reads millions); else null. */
    private static Instant storedForm(String t) {
        if (t.length() != 26 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != ' ' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != '.') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int micros = digits(t, 20, 26);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || micros < 0) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, micros * 1000L);
    }

    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static Instant postgresInstant(ResultSet rs, int col, StatementContext ctx) throws SQLException {
        OffsetDateTime value = rs.getObject(col, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static UUID uuid(ResultSet rs, int col, StatementContext ctx) throws SQLException {
        Object value = rs.getObject(col);
        if (value == null) {
            return null;
        }
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    private static Argument text(String value) {
        return (position, statement, ctx) -> statement.setString(position, value);
    }
}
