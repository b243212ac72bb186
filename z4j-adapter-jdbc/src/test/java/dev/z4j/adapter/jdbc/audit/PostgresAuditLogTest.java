package dev.z4j.adapter.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.audit.AuditReader;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PostgresAuditLogTest extends AuditLogContract {

    @Override
    Database open() {
        return TestDatabases.postgres();
    }

    @Override
    void makeUnmappable(long seq) {
        database.write(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            h.execute("ALTER TABLE audit_log ALTER COLUMN action DROP NOT NULL");
            return h.execute("UPDATE audit_log SET action = NULL WHERE seq = ?", seq);
        });
    }

    @Test
    void the_smallest_pool_lends_a_walk_one_reader_and_keeps_one_for_everything_else() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"));
        try (Database small = Database.open(database.url(), 2)) {
            List<AuditReader> readers = new JdbcAuditLog(small).openReaders(2);
            try {
                assertThat(readers).hasSize(1);
                long rows = small.read(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Long.class).one());
                assertThat(rows).isEqualTo(1);
            } finally {
                readers.forEach(AuditReader::close);
            }
        }
        assertThat(log.openReaders(2)).hasSize(2).allSatisfy(AuditReader::close);
    }

    @Test
    void truncate_is_refused_too() {
        appendAll(row(1, Instant.parse("2026-04-23T12:00:00Z"), "system", null, "a"));
        assertThatThrownBy(() -> database.write(h -> h.execute("TRUNCATE audit_log")))
                .hasMessageContaining("append-only");
    }

    @Test
    void locking_the_head_holds_the_append_lock_until_the_transaction_ends() {
        database.inTransaction(() -> {
            log.lockHead();
            boolean freeElsewhere = CompletableFuture.supplyAsync(() -> database.read(h -> h.createQuery(
                    "SELECT pg_try_advisory_xact_lock(:key)").bind("key", JdbcAuditLog.APPEND_LOCK)
                    .mapTo(Boolean.class).one())).join();
            assertThat(freeElsewhere).isFalse();
        });
        boolean freeAfterCommit = database.read(h -> h.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .bind("key", JdbcAuditLog.APPEND_LOCK).mapTo(Boolean.class).one());
        assertThat(freeAfterCommit).isTrue();
    }
}
