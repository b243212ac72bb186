package dev.z4j.adapter.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
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
        database.write(h -> {
            h.execute("DROP TRIGGER audit_log_no_update");
            return h.execute("UPDATE audit_log SET id = substr(id, 1, 35), occurred_at = substr(id, 36) || occurred_at");
        });
        List<StoredRow> walked = new ArrayList<>();
        log.walk(1, walked::add);
        assertThat(walked).singleElement().isInstanceOf(StoredRow.Unreadable.class);
    }

    @Override
    void makeUnmappable(long seq) {
        database.write(h -> {
            h.execute("DROP TRIGGER audit_log_no_update");
            return h.execute("UPDATE audit_log SET occurred_at = 'yesterday' WHERE seq = ?", seq);
        });
    }
}
