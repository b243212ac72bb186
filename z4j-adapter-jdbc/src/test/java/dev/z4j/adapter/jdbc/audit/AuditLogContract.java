package dev.z4j.adapter.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredBytes.Column;
import dev.z4j.ports.audit.StoredRow;
import dev.z4j.ports.audit.VerificationReport;
import dev.z4j.ports.audit.VerificationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code AuditLog} out-port against each real database (HMACs here are placeholders; the chain signs them). */
abstract class AuditLogContract {

    static final UUID AGENT = UUID.fromString("4f2b0c1e-9a77-4d61-8f0e-2b1d7c3a5e90");
    static final UUID PROJECT = UUID.fromString("12345678-1234-5678-1234-567812345678");

    Database database;
    JdbcAuditLog log;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        log = new JdbcAuditLog(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    static String hex(long n, char c) {
        return c + String.format("%063x", n);
    }

    static AuditRow row(long seq, Instant at, String actorType, String actorId, String action) {
        return new AuditRow(seq, UUID.nameUUIDFromBytes(("row" + seq).getBytes()), at, actorType,
                Optional.ofNullable(actorId), seq % 2 == 0 ? Optional.of(PROJECT) : Optional.empty(), action, "task",
                Optional.of("t-" + seq), "success", Optional.of("203.0.113." + seq), Optional.of("agent/1.0"),
                "{\"n\":" + seq + "}", "fbfd08ba4962567e", hex(seq - 1, 'a'), hex(seq, 'a'));
    }

    void appendAll(AuditRow... rows) {
        database.inTransaction(() -> {
            for (AuditRow r : rows) {
                log.lockHead();
                log.append(r);
            }
        });
    }

    List<Long> walkSeqs(long from, int stopAfter) {
        List<Long> seen = new ArrayList<>();
        log.walk(from, r -> {
            seen.add(r.seq());
            return seen.size() < stopAfter;
        });
        return seen;
    }

    /** Row 1 with every column set, awkward characters included. */
    static AuditRow everyColumn() {
        return new AuditRow(1, UUID.randomUUID(), Instant.parse("2026-04-23T14:22:05.123456Z"), "agent",
                Optional.of(AGENT.toString()), Optional.of(PROJECT), "task.retry", "task", Optional.of("celery-1"),
                "failed", Optional.of("2001:db8::1"), Optional.of("Mozilla/5.0 é 😀 \"\u001f"),
                "{\"a\":[1,2.50,true,null],\"é\":\"\\n\"}", "fbfd08ba4962567e", "0".repeat(64), "f".repeat(64));
    }

    /** Row 2, after {@link #everyColumn()}, with every optional column NULL. */
    static AuditRow bare() {
        return new AuditRow(2, UUID.randomUUID(), Instant.parse("2026-04-23T14:22:06Z"), "system",
                Optional.empty(), Optional.empty(), "audit.pruned", "audit_log", Optional.empty(), "success",
                Optional.empty(), Optional.empty(), "{}", "k", "f".repeat(64), "e".repeat(64));
    }

    @Test
    void an_appended_row_reads_back_with_every_column() {
        AuditRow row = everyColumn();
        AuditRow bare = bare();
        appendAll(row, bare);
        AuditRow read = (AuditRow) log.find(1).orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("metadataJson").isEqualTo(row);
        assertThat(read.metadataJson().replace(" ", "")).isEqualTo(row.metadataJson());
        assertThat(log.find(2)).contains(bare);
        assertThat(log.head()).contains(bare);
        assertThat(log.firstSeq()).hasValue(1);
        List<StoredRow> walked = new ArrayList<>();
        log.walk(1, walked::add);
        assertThat(walked).usingRecursiveFieldByFieldElementComparatorIgnoringFields("metadataJson")
                .containsExactly(row, bare);
    }

    @Test
    void a_walk_gives_every_value_exactly_as_stored_even_separators_and_nulls() {
        AuditRow awkward = new AuditRow(1, UUID.randomUUID(), Instant.parse("2026-04-23T14:22:05.000001Z"), "cli",
                Optional.of("N"), Optional.empty(), "V\u001fN", "x\u001f", Optional.of(""), "success",
                Optional.empty(), Optional.of("\u001f"), "{}", "k", "0".repeat(64), "a".repeat(64));
        AuditRow plain = new AuditRow(2, UUID.randomUUID(), Instant.parse("2026-04-23T14:22:06Z"), "user",
                Optional.of("V"), Optional.of(PROJECT), "a", "b", Optional.empty(), "failed", Optional.of("N"),
                Optional.empty(), "{\"x\":\"\\u001f\"}", "k", "a".repeat(64), "b".repeat(64));
        appendAll(awkward, plain);
        List<StoredRow> walked = new ArrayList<>();
        log.walk(1, walked::add);
        assertThat(walked).usingRecursiveFieldByFieldElementComparatorIgnoringFields("metadataJson")
                .containsExactly(awkward, plain);
    }

    /** What a reader handed over for one row: each column's bytes as text (null when missing) and the decoded row. */
    record Read(long seq, Map<Column, String> columns, StoredRow decoded) {
    }

    static List<Read> read(AuditReader reader, long from, long to) {
        List<Read> rows = new ArrayList<>();
        reader.read(from, to, row -> {
            Map<Column, String> columns = new EnumMap<>(Column.class);
            for (Column column : Column.values()) {
                columns.put(column, row.length(column) < 0 ? null : new String(row.array(column), row.offset(column),
                        row.length(column), StandardCharsets.UTF_8));
            }
            rows.add(new Read(row.seq(), columns, row.decode()));
            return true;
        });
        return rows;
    }

    @Test
    void a_reader_gives_each_row_as_its_stored_bytes_and_decodes_it_as_find_does() {
        AuditRow full = everyColumn();
        AuditRow bare = bare();
        appendAll(full, bare);
        List<AuditReader> readers = log.openReaders(1);
        try (AuditReader reader = readers.get(0)) {
            List<Read> rows = read(reader, 1, 2);
            assertThat(rows).extracting(Read::seq).containsExactly(1L, 2L);
            Map<Column, String> first = rows.get(0).columns();
            assertThat(first).containsEntry(Column.ID, full.id().toString())
                    .containsEntry(Column.OCCURRED_AT, "2026-04-23T14:22:05.123456Z")
                    .containsEntry(Column.ACTOR_TYPE, "agent").containsEntry(Column.ACTOR_ID, AGENT.toString())
                    .containsEntry(Column.PROJECT_ID, PROJECT.toString()).containsEntry(Column.ACTION, "task.retry")
                    .containsEntry(Column.TARGET_TYPE, "task").containsEntry(Column.TARGET_ID, "celery-1")
                    .containsEntry(Column.RESULT, "failed").containsEntry(Column.SOURCE_IP, "2001:db8::1")
                    .containsEntry(Column.USER_AGENT, "Mozilla/5.0 é 😀 \"\u001f")
                    .containsEntry(Column.KEY_ID, "fbfd08ba4962567e")
                    .containsEntry(Column.PREV_ROW_HMAC, "0".repeat(64))
                    .containsEntry(Column.ROW_HMAC, "f".repeat(64));
            assertThat(first.get(Column.METADATA).replace(" ", "")).isEqualTo(full.metadataJson());
            assertThat(rows.get(1).columns()).containsEntry(Column.OCCURRED_AT, "2026-04-23T14:22:06.000000Z")
                    .containsEntry(Column.ACTOR_ID, null).containsEntry(Column.PROJECT_ID, null)
                    .containsEntry(Column.TARGET_ID, null).containsEntry(Column.SOURCE_IP, null)
                    .containsEntry(Column.USER_AGENT, null).containsEntry(Column.KEY_ID, "k")
                    .containsEntry(Column.METADATA, "{}");
            assertThat(rows.get(0).decoded()).isEqualTo(log.find(1).orElseThrow());
            assertThat(rows.get(1).decoded()).isEqualTo(bare);
        }
    }

    @Test
    void readers_opened_together_see_the_same_rows_and_none_appended_after() {
        Instant t = Instant.parse("2026-04-23T12:00:00Z");
        for (int i = 1; i <= 5; i++) {
            appendAll(row(i, t.plusSeconds(i), "system", null, "a.b"));
        }
        List<AuditReader> readers = log.openReaders(2);
        try {
            assertThat(readers).hasSize(2);
            for (int i = 6; i <= 8; i++) {
                appendAll(row(i, t.plusSeconds(i), "system", null, "a.b"));
            }
            for (AuditReader reader : readers) {
                assertThat(reader.firstSeq()).isEqualTo(1);
                assertThat(reader.lastSeq()).isEqualTo(5);
                assertThat(read(reader, 1, 100)).extracting(Read::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
                assertThat(read(reader, 2, 3)).extracting(Read::seq).containsExactly(2L, 3L);
            }
            List<Long> untilAsked = new ArrayList<>();
            readers.get(1).read(1, 5, row -> untilAsked.add(row.seq()) && untilAsked.size() < 2);
            assertThat(untilAsked).containsExactly(1L, 2L);
        } finally {
            readers.forEach(AuditReader::close);
        }
        assertThat(log.openReaders(1)).singleElement().satisfies(reader -> {
            assertThat(reader.lastSeq()).isEqualTo(8);
            reader.close();
        });
    }

    @Test
    void a_reader_of_an_empty_log_sees_no_rows() {
        List<AuditReader> readers = log.openReaders(2);
        assertThat(readers).isNotEmpty().allSatisfy(reader -> {
            assertThat(reader.firstSeq()).isZero();
            assertThat(reader.lastSeq()).isZero();
            assertThat(read(reader, 1, 10)).isEmpty();
            reader.close();
        });
    }

    @Test
    void an_empty_log_has_no_head() {
        assertThat(log.head()).isEmpty();
        assertThat(database.inTransaction(() -> log.lockHead())).isEmpty();
        assertThat(log.firstSeq()).isEmpty();
        assertThat(walkSeqs(1, 10)).isEmpty();
    }

    @Test
    void a_walk_streams_rows_in_seq_order_from_a_position_and_stops_when_asked() {
        Instant t = Instant.parse("2026-04-23T12:00:00Z");
        for (int i = 1; i <= 30; i++) {
            appendAll(row(i, t.plusSeconds(60 - i), "system", null, "a.b"));
        }
        assertThat(walkSeqs(1, 100)).hasSize(30).isSorted();
        assertThat(walkSeqs(11, 100)).first().isEqualTo(11L);
        assertThat(walkSeqs(1, 5)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void two_rows_cannot_extend_the_same_row_nor_share_a_seq() {
        Instant t = Instant.parse("2026-04-23T12:00:00Z");
        appendAll(row(1, t, "system", null, "a"));
        AuditRow fork = new AuditRow(2, UUID.randomUUID(), t, "system", Optional.empty(), Optional.empty(), "a", "x",
                Optional.empty(), "success", Optional.empty(), Optional.empty(), "{}", "k", hex(0, 'a'), hex(9, 'b'));
        assertThatThrownBy(() -> appendAll(fork)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> appendAll(new AuditRow(1, UUID.randomUUID(), t, "system", Optional.empty(),
                Optional.empty(), "b", "x", Optional.empty(), "success", Optional.empty(), Optional.empty(), "{}", "k",
                hex(7, 'c'), hex(8, 'c')))).isInstanceOf(RuntimeException.class);
        assertThat(walkSeqs(1, 10)).containsExactly(1L);
        assertThat(((AuditRow) log.find(1).orElseThrow()).action()).isEqualTo("a");
    }

    @Test
    void the_database_refuses_to_update_or_delete_audit_rows() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"));
        assertThatThrownBy(() -> database.write(h -> h.execute("UPDATE audit_log SET action = 'x'")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.write(h -> h.execute("DELETE FROM audit_log")))
                .hasMessageContaining("append-only");
        assertThat(((AuditRow) log.find(1).orElseThrow()).action()).isEqualTo("a");
    }

    @Test
    void retention_deletes_exactly_the_prefix_and_the_guard_holds_again_afterwards() {
        Instant t = Instant.parse("2026-04-23T12:00:00Z");
        for (int i = 1; i <= 5; i++) {
            appendAll(row(i, t.plusSeconds(i), "system", null, "a"));
        }
        assertThat(database.inTransaction(() -> log.deleteThrough(3))).isEqualTo(3);
        assertThat(walkSeqs(1, 100)).containsExactly(4L, 5L);
        assertThat(log.firstSeq()).hasValue(4);
        assertThatThrownBy(() -> database.write(h -> h.execute("DELETE FROM audit_log WHERE seq = 4")))
                .hasMessageContaining("append-only");
    }

    @Test
    void the_prefix_older_than_a_cutoff_ends_before_the_first_row_that_is_not() {
        Instant t = Instant.parse("2026-04-23T12:00:00Z");
        appendAll(row(1, t, "system", null, "a"), row(2, t.plusSeconds(10), "system", null, "a"),
                row(3, t.plusSeconds(5), "system", null, "a"), row(4, t.plusSeconds(20), "system", null, "a"));
        assertThat(log.lastSeqOfPrefixBefore(t)).isEmpty();
        assertThat(log.lastSeqOfPrefixBefore(t.plusSeconds(1))).hasValue(1);
        assertThat(log.lastSeqOfPrefixBefore(t.plusSeconds(11))).hasValue(3);
        assertThat(log.lastSeqOfPrefixBefore(t.plusSeconds(60))).hasValue(4);
    }

    @Test
    void the_seed_damage_assessment_query_runs_as_written() {
        Instant t = Instant.parse("2026-04-23T11:00:00Z");
        appendAll(row(1, t, "agent", AGENT.toString(), "task.retry"),
                row(2, t.plusSeconds(7200), "agent", AGENT.toString(), "task.cancel"),
                row(3, t.plusSeconds(3700), "agent", AGENT.toString(), "schedule.update"),
                row(4, t.plusSeconds(7300), "agent", UUID.randomUUID().toString(), "task.retry"),
                row(5, t.plusSeconds(7400), "user", AGENT.toString(), "agent.revoke"));
        String seedSql = "SELECT occurred_at, action, target_type, source_ip\nFROM audit_log\nWHERE actor_type = 'agent'"
                + "\n  AND actor_id = '" + AGENT + "'\n  AND occurred_at > '2026-04-23 12:00:00'\nORDER BY occurred_at;";
        List<Map<String, Object>> result = database.read(h -> h.createQuery(seedSql.replace(";", "")).mapToMap().list());
        assertThat(result).extracting(r -> r.get("action")).containsExactly("schedule.update", "task.cancel");
        assertThat(result).extracting(r -> r.get("source_ip")).containsExactly("203.0.113.3", "203.0.113.2");
        assertThat(result.get(0).get("target_type")).isEqualTo("task");
    }

    @Test
    void search_filters_orders_and_pages_by_seq() {
        Instant t = Instant.parse("2026-04-23T12:00:00Z");
        for (int i = 1; i <= 10; i++) {
            appendAll(row(i, t.plusSeconds(i * 60L), i % 3 == 0 ? "user" : "agent", AGENT.toString(),
                    i % 2 == 0 ? "task.retry" : "task_x.cancel"));
        }
        assertThat(log.search(AuditQuery.all(), OptionalLong.empty(), 4)).extracting(AuditRow::seq)
                .containsExactly(10L, 9L, 8L, 7L);
        assertThat(log.search(AuditQuery.all(), OptionalLong.of(7), 4)).extracting(AuditRow::seq)
                .containsExactly(6L, 5L, 4L, 3L);
        AuditQuery oldest = AuditQuery.all().withOrder(AuditQuery.Order.OLDEST_FIRST);
        assertThat(log.search(oldest, OptionalLong.of(8), 10)).extracting(AuditRow::seq).containsExactly(9L, 10L);
        assertThat(log.search(AuditQuery.all().withProject(PROJECT), OptionalLong.empty(), 100))
                .extracting(AuditRow::seq).containsExactly(10L, 8L, 6L, 4L, 2L);
        assertThat(log.search(AuditQuery.all().withActionPrefix("task_"), OptionalLong.empty(), 100))
                .extracting(AuditRow::seq).containsExactly(9L, 7L, 5L, 3L, 1L);
        assertThat(log.search(AuditQuery.all().withActor(Actor.Type.USER, Optional.of(AGENT.toString())),
                OptionalLong.empty(), 100)).extracting(AuditRow::seq).containsExactly(9L, 6L, 3L);
        assertThat(log.search(AuditQuery.all().withSince(t.plusSeconds(120)).withUntil(t.plusSeconds(300)),
                OptionalLong.empty(), 100)).extracting(AuditRow::seq).containsExactly(4L, 3L, 2L);
    }

    @Test
    void the_last_verification_is_remembered_and_replaced() {
        assertThat(log.lastVerification()).isEmpty();
        VerificationStatus first = new VerificationStatus(Instant.parse("2026-04-23T12:00:00Z"),
                VerificationReport.Outcome.INTACT, 5421, "OK (walked 5421 rows, chain intact)");
        VerificationStatus second = new VerificationStatus(Instant.parse("2026-04-24T12:00:00.5Z"),
                VerificationReport.Outcome.BROKEN, 1234, "FAIL at row 1234 (audit_id=x)");
        log.saveVerification(first);
        assertThat(log.lastVerification()).contains(first);
        log.saveVerification(second);
        assertThat(log.lastVerification()).contains(second);
    }

    @Test
    void a_row_an_attacker_made_unmappable_is_walked_as_unreadable() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"),
                row(2, Instant.parse("2026-04-23T12:00:01Z"), "system", null, "a"));
        makeUnmappable(2);
        List<StoredRow> seen = new ArrayList<>();
        log.walk(1, seen::add);
        assertThat(seen.get(0)).isInstanceOf(AuditRow.class);
        assertThat(seen.get(1)).isInstanceOfSatisfying(StoredRow.Unreadable.class, u -> {
            assertThat(u.seq()).isEqualTo(2);
            assertThat(u.reason()).isNotBlank();
        });
        try (AuditReader reader = log.openReaders(1).get(0)) {
            assertThat(read(reader, 1, 2)).extracting(Read::decoded).containsExactly(seen.toArray(StoredRow[]::new));
        }
    }

    /** Breaks row {@code seq} so it can no longer be mapped, the way an attacker with database access would. */
    abstract void makeUnmappable(long seq);

    boolean postgres() {
        return database.dialect() == Dialect.POSTGRESQL;
    }
}
