package dev.z4j.adapter.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.audit.AuditReader;
import dev.z4j.ports.audit.AuditRow;
import dev.z4j.ports.audit.StoredBytes.Column;
import dev.z4j.ports.audit.StoredRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteAuditLogTest extends AuditLogContract {

    @Override
    Database open() {
        return TestDatabases.sqlite();
    }

    @Test
    void a_character_moved_across_two_packed_columns_is_walked_as_stored() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"));
        updateAsAnAttacker("UPDATE audit_log SET id = substr(id, 1, 35), occurred_at = substr(id, 36) || occurred_at");
        List<StoredRow> walked = new ArrayList<>();
        log.walk(1, walked::add);
        assertThat(walked).singleElement().isInstanceOf(StoredRow.Unreadable.class);
        try (AuditReader reader = log.openReaders(1).get(0)) {
            assertThat(read(reader, 1, 1)).singleElement().satisfies(row -> {
                assertThat(row.columns().get(Column.ID)).hasSize(35);
                assertThat(row.columns()).containsEntry(Column.OCCURRED_AT, null);
                assertThat(row.decoded()).isInstanceOf(StoredRow.Unreadable.class);
            });
        }
    }

    @Test
    void a_nul_byte_stored_inside_a_packed_column_is_read_with_the_value_whole() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"),
                row(2, Instant.parse("2026-04-23T12:00:01Z"), "system", null, "a"));
        updateAsAnAttacker("UPDATE audit_log SET action = 'x' || char(0) || 'y', target_type = '' WHERE seq = 2");
        try (AuditReader reader = log.openReaders(1).get(0)) {
            List<Read> rows = read(reader, 1, 2);
            assertThat(rows.get(0).columns()).containsEntry(Column.ACTION, "a")
                    .containsEntry(Column.TARGET_TYPE, "task");
            assertThat(rows.get(1).columns()).containsEntry(Column.ACTION, "x\0y").containsEntry(Column.TARGET_TYPE, "")
                    .containsEntry(Column.RESULT, "success").containsEntry(Column.METADATA, "{\"n\":2}")
                    .containsEntry(Column.OCCURRED_AT, "2026-04-23T12:00:01.000000Z");
        }
    }

    @Test
    void a_stored_value_that_looks_like_the_packing_marks_is_read_as_stored() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"));
        updateAsAnAttacker("UPDATE audit_log SET target_id = char(1), source_ip = char(2) WHERE seq = 1");
        try (AuditReader reader = log.openReaders(1).get(0)) {
            assertThat(read(reader, 1, 1)).singleElement().satisfies(row -> assertThat(row.columns())
                    .containsEntry(Column.ACTOR_ID, null).containsEntry(Column.TARGET_ID, "\u0001")
                    .containsEntry(Column.SOURCE_IP, "\u0002").containsEntry(Column.USER_AGENT, "agent/1.0"));
        }
    }

    @Test
    void a_timestamp_in_another_form_than_the_stored_one_is_handed_over_missing_and_decoded_as_find_does() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"),
                row(2, Instant.parse("2026-04-23T12:00:01Z"), "system", null, "a"),
                row(3, Instant.parse("2026-04-23T12:00:02Z"), "system", null, "a"));
        updateAsAnAttacker("UPDATE audit_log SET occurred_at = replace(occurred_at, ' ', 'T') WHERE seq = 2",
                "UPDATE audit_log SET occurred_at = '2026-02-30 12:00:02.000000' WHERE seq = 3");
        try (AuditReader reader = log.openReaders(1).get(0)) {
            List<Read> rows = read(reader, 1, 3);
            assertThat(rows.get(0).columns()).containsEntry(Column.OCCURRED_AT, "2026-04-23T12:00:00.000000Z");
            assertThat(rows.get(1).columns()).containsEntry(Column.OCCURRED_AT, null);
            assertThat(rows.get(1).decoded()).isInstanceOf(AuditRow.class).isEqualTo(log.find(2).orElseThrow());
            assertThat(rows.get(2).columns()).containsEntry(Column.OCCURRED_AT, "2026-02-30T12:00:02.000000Z");
            assertThat(rows.get(2).decoded()).isEqualTo(log.find(3).orElseThrow());
        }
    }

    @Override
    void makeUnmappable(long seq) {
        updateAsAnAttacker("UPDATE audit_log SET occurred_at = 'yesterday' WHERE seq = " + seq);
    }

    /** Runs updates with the append-only trigger dropped, as an attacker with the file would. */
    private void updateAsAnAttacker(String... updates) {
        database.write(h -> {
            h.execute("DROP TRIGGER audit_log_no_update");
            for (String update : updates) {
                h.execute(update);
            }
            return null;
        });
    }
}
