package dev.z4j.adapter.jdbc.audit;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteAuditLogTest extends AuditLogContract {

    @Override
    Database open() {
        return TestDatabases.sqlite();
    }

    @Override
    void makeUnmappable(long seq) {
        database.write(h -> {
            h.execute("DROP TRIGGER audit_log_no_update");
            return h.execute("UPDATE audit_log SET occurred_at = 'yesterday' WHERE seq = ?", seq);
        });
    }
}
