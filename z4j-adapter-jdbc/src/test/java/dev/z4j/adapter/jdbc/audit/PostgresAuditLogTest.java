package dev.z4j.adapter.jdbc.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import java.time.Instant;
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
