package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.system.AuditHeadProbe;

/** Reads the newest row of {@code audit_log} (columns as SPEC §4 names them), or says the table is not there yet. */
public final class JdbcAuditHead implements AuditHeadProbe {

    private final Database database;
    private final JdbcRowCounts tables;

    public JdbcAuditHead(Database database, JdbcRowCounts tables) {
        this.database = database;
        this.tables = tables;
    }

    @Override
    public String describeHead() {
        if (!tables.tables().contains("audit_log")) {
            return "no audit log table yet";
        }
        return database.read(h -> h.createQuery("SELECT seq, row_hmac FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> "head at seq " + rs.getLong("seq") + ", row_hmac "
                        + abbreviate(rs.getString("row_hmac")))
                .findOne()
                .orElse("no audit rows yet"));
    }

    private static String abbreviate(String hmac) {
        return hmac == null ? "null" : hmac.length() <= 6 ? hmac : hmac.substring(0, 6) + "...";
    }
}
