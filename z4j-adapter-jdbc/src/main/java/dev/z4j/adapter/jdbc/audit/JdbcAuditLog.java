package dev.z4j.adapter.jdbc.audit;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.support.JdbiTypes;
import dev.z4j.adapter.jdbc.support.JsonText;
import dev.z4j.ports.audit.AuditLog;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.ChainHead;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * The audit chain in table {@code audit_log} (migration V2). Appends are serialised by the single SQLite writer, and
 * on PostgreSQL by {@code pg_advisory_xact_lock(APPEND_LOCK)} taken in {@link #lockHead()}. Walks stream through a
 * forward-only cursor (PostgreSQL: a fetch size inside a read transaction), so memory stays flat.
 */
public final class JdbcAuditLog implements AuditLog {

    /** The advisory lock key that serialises appends and retention on PostgreSQL ("z4jA" in ASCII). */
    public static final long APPEND_LOCK = 0x7A346A41L;

    static final String COLUMNS = "seq, id, occurred_at, actor_type, actor_id, project_id, action, "
            + "target_type, target_id, result, source_ip, user_agent, metadata, key_id, prev_row_hmac, row_hmac";
    private static final int FETCH_SIZE = 2000;
    private static final String META_PREFIX = "audit.last_verification.";

    private final Database database;
    private final Dialect dialect;

    public JdbcAuditLog(Database database) {
        this.database = database;
        this.dialect = database.dialect();
    }

    @Override
    public Optional<ChainHead> lockHead() {
        return database.write(h -> {
            if (dialect == Dialect.POSTGRESQL) {
                h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)").bind("key", APPEND_LOCK)
                        .mapTo(Integer.class).one();
            }
            return h.createQuery("SELECT seq, row_hmac FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .map((rs, ctx) -> new ChainHead(rs.getLong(1), rs.getString(2))).findFirst();
        });
    }

    @Override
    public Optional<AuditRow> head() {
        return database.read(h -> readable(headOn(h)));
    }

    private Optional<StoredRow> headOn(Handle h) {
        return one(h, "SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT 1", null);
    }

    private static Optional<AuditRow> readable(Optional<StoredRow> row) {
        return row.map(r -> {
            if (r instanceof AuditRow a) {
                return a;
            }
            StoredRow.Unreadable u = (StoredRow.Unreadable) r;
            throw new IllegalStateException("audit row " + u.seq() + " is unreadable (" + u.reason()
                    + "); run `z4j audit verify`");
        });
    }

    @Override
    public void append(AuditRow row) {
        database.write(h -> bindProject(h.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES (:seq, :id, :occurredAt, "
                        + ":actorType, :actorId, :projectId, :action, :targetType, :targetId, :result, :sourceIp, "
                        + ":userAgent, :metadata, :keyId, :prevRowHmac, :rowHmac)")
                .bind("seq", row.seq())
                .bind("id", row.id())
                .bind("occurredAt", row.occurredAt())
                .bind("actorType", row.actorType())
                .bind("actorId", row.actorId().orElse(null))
                .bind("action", row.action())
                .bind("targetType", row.targetType())
                .bind("targetId", row.targetId().orElse(null))
                .bind("result", row.result())
                .bind("sourceIp", row.sourceIp().orElse(null))
                .bind("userAgent", row.userAgent().orElse(null))
                .bind("metadata", new JsonText(row.metadataJson()))
                .bind("keyId", row.keyId())
                .bind("prevRowHmac", row.prevRowHmac())
                .bind("rowHmac", row.rowHmac()), row.projectId())
                .execute());
    }

    /** A NULL uuid must be typed OTHER for PostgreSQL to accept it. */
    private Update bindProject(Update update, Optional<UUID> project) {
        if (project.isPresent()) {
            return update.bind("projectId", project.get());
        }
        return update.bindNull("projectId", dialect == Dialect.POSTGRESQL ? Types.OTHER : Types.VARCHAR);
    }

    @Override
    public Optional<StoredRow> find(long seq) {
        return database.read(h -> one(h, "SELECT " + COLUMNS + " FROM audit_log WHERE seq = :value", seq));
    }

    @Override
    public Optional<StoredRow> latestWithAction(String action) {
        return database.read(h -> one(h,
                "SELECT " + COLUMNS + " FROM audit_log WHERE action = :value ORDER BY seq DESC LIMIT 1", action));
    }

    private Optional<StoredRow> one(Handle h, String sql, Object value) {
        Query query = h.createQuery(sql);
        if (value != null) {
            query.bind("value", value);
        }
        return query.map((rs, ctx) -> map(rs)).findFirst();
    }

    @Override
    public OptionalLong firstSeq() {
        return database.read(h -> h.createQuery("SELECT MIN(seq) FROM audit_log").mapTo(Long.class).findOne())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public long walk(long fromSeq, Predicate<StoredRow> visitor) {
        return database.read(h -> h.inTransaction(tx -> {
            Connection connection = tx.getConnection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM audit_log WHERE seq >= ? ORDER BY seq", ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setLong(1, fromSeq);
                long visited = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        visited++;
                        if (!visitor.test(map(rs))) {
                            break;
                        }
                    }
                }
                return visited;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read audit_log: " + e.getMessage(), e);
            }
        }));
    }

    /**
     * Readers beyond the first must see the same first and last seq as it; the log changes between their snapshots
     * only by an append (a new last seq) or a retention prune (a new first seq), so equal bounds mean equal rows.
     * They are only taken while the pool can spare them, and a pool that cannot after all leaves the walk with fewer.
     */
    @Override
    public List<AuditReader> openReaders(int count) {
        List<AuditReader> readers = new ArrayList<>(count);
        try {
            JdbcAuditReader first = openReader();
            readers.add(first);
            for (int attempt = 0; readers.size() < count && attempt < 3 * count && database.readerToSpare();
                    attempt++) {
                JdbcAuditReader next;
                try {
                    next = openReader();
                } catch (DatabaseUnavailableException exhausted) {
                    break;
                }
                if (next.firstSeq() == first.firstSeq() && next.lastSeq() == first.lastSeq()) {
                    readers.add(next);
                } else {
                    next.close();
                }
            }
            return readers;
        } catch (RuntimeException e) {
            readers.forEach(AuditReader::close);
            throw e;
        }
    }

    private JdbcAuditReader openReader() {
        return JdbcAuditReader.open(this, database.openReader(), dialect);
    }

    /** Maps the current row; a value that cannot be mapped (only a hand edit makes one) yields an unreadable row. */
    StoredRow map(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        String id = rs.getString(2);
        try {
            return new AuditRow(seq, UUID.fromString(required(id, "id")), instant(rs),
                    required(rs.getString(4), "actor_type"), Optional.ofNullable(rs.getString(5)),
                    Optional.ofNullable(rs.getString(6)).map(UUID::fromString), required(rs.getString(7), "action"),
                    required(rs.getString(8), "target_type"), Optional.ofNullable(rs.getString(9)),
                    required(rs.getString(10), "result"), Optional.ofNullable(rs.getString(11)),
                    Optional.ofNullable(rs.getString(12)), required(rs.getString(13), "metadata"),
                    required(rs.getString(14), "key_id"), required(rs.getString(15), "prev_row_hmac"),
                    required(rs.getString(16), "row_hmac"));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new StoredRow.Unreadable(seq, id == null ? "?" : id, e.getMessage());
        }
    }

    private Instant instant(ResultSet rs) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            OffsetDateTime value = rs.getObject(3, OffsetDateTime.class);
            return required(value, "occurred_at").toInstant();
        }
        String text = required(rs.getString(3), "occurred_at");
        try {
            return JdbiTypes.sqliteInstant(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("occurred_at '" + text + "' is not a timestamp");
        }
    }

    private static <T> T required(T value, String column) {
        if (value == null) {
            throw new IllegalArgumentException(column + " is NULL");
        }
        return value;
    }

    @Override
    public List<AuditRow> search(AuditQuery q, OptionalLong seqBound, int limit) {
        boolean newestFirst = q.order() == AuditQuery.Order.NEWEST_FIRST;
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1 = 1");
        q.projectId().ifPresent(p -> sql.append(" AND project_id = :projectId"));
        q.actionPrefix().ifPresent(p -> sql.append(" AND action LIKE :actionPrefix ESCAPE '\\'"));
        q.actorType().ifPresent(t -> sql.append(" AND actor_type = :actorType"));
        q.actorId().ifPresent(a -> sql.append(" AND actor_id = :actorId"));
        q.since().ifPresent(s -> sql.append(" AND occurred_at >= :since"));
        q.until().ifPresent(u -> sql.append(" AND occurred_at < :until"));
        seqBound.ifPresent(b -> sql.append(newestFirst ? " AND seq < :bound" : " AND seq > :bound"));
        sql.append(" ORDER BY seq ").append(newestFirst ? "DESC" : "ASC").append(" LIMIT :limit");
        List<StoredRow> rows = database.read(h -> {
            Query query = h.createQuery(sql.toString());
            q.projectId().ifPresent(p -> query.bind("projectId", p));
            q.actionPrefix().ifPresent(p -> query.bind("actionPrefix", likePrefix(p)));
            q.actorType().ifPresent(t -> query.bind("actorType", t.wire()));
            q.actorId().ifPresent(a -> query.bind("actorId", a));
            q.since().ifPresent(s -> query.bind("since", s));
            q.until().ifPresent(u -> query.bind("until", u));
            seqBound.ifPresent(b -> query.bind("bound", b));
            return query.bind("limit", limit).map((rs, ctx) -> map(rs)).list();
        });
        List<AuditRow> readable = new ArrayList<>(rows.size());
        rows.forEach(r -> readable.add(readable(Optional.of(r)).orElseThrow()));
        return readable;
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @Override
    public OptionalLong lastSeqOfPrefixBefore(Instant cutoff) {
        return database.read(h -> {
            Optional<Long> first = h.createQuery("SELECT MIN(seq) FROM audit_log").mapTo(Long.class).findOne();
            if (first.isEmpty() || first.get() == null) {
                return OptionalLong.empty();
            }
            Optional<Long> firstKept = h.createQuery("SELECT MIN(seq) FROM audit_log WHERE occurred_at >= :cutoff")
                    .bind("cutoff", cutoff).mapTo(Long.class).findOne();
            long through = firstKept.isPresent() && firstKept.get() != null ? firstKept.get() - 1
                    : h.createQuery("SELECT MAX(seq) FROM audit_log").mapTo(Long.class).one();
            return through >= first.get() ? OptionalLong.of(through) : OptionalLong.empty();
        });
    }

    @Override
    public long deleteThrough(long throughSeq) {
        return database.write(h -> {
            h.createUpdate("INSERT INTO audit_prune_window (through_seq) VALUES (:through)")
                    .bind("through", throughSeq).execute();
            int deleted = h.createUpdate("DELETE FROM audit_log WHERE seq <= :through")
                    .bind("through", throughSeq).execute();
            h.execute("DELETE FROM audit_prune_window");
            return (long) deleted;
        });
    }

    @Override
    public void saveVerification(VerificationStatus status) {
        Map<String, String> values = Map.of(
                "finished_at", status.finishedAt().toString(),
                "outcome", status.outcome().name(),
                "rows_walked", Long.toString(status.rowsWalked()),
                "summary", status.summary());
        database.write(h -> {
            values.forEach((key, value) -> h.createUpdate("INSERT INTO z4j_meta (key, value, updated_at) "
                            + "VALUES (:key, :value, :at) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                            + "updated_at = excluded.updated_at")
                    .bind("key", META_PREFIX + key).bind("value", value).bind("at", status.finishedAt()).execute());
            return null;
        });
    }

    @Override
    public Optional<VerificationStatus> lastVerification() {
        Map<String, String> values = database.read(h -> h.createQuery(
                        "SELECT key, value FROM z4j_meta WHERE key LIKE 'audit.last\\_verification.%' ESCAPE '\\'")
                .map((rs, ctx) -> Map.entry(rs.getString(1).substring(META_PREFIX.length()), rs.getString(2)))
                .collectToMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!values.keySet().containsAll(List.of("finished_at", "outcome", "rows_walked", "summary"))) {
            return Optional.empty();
        }
        return Optional.of(new VerificationStatus(Instant.parse(values.get("finished_at")),
                VerificationReport.Outcome.valueOf(values.get("outcome")), Long.parseLong(values.get("rows_walked")),
                values.get("summary")));
    }
}
