package dev.z4j.app.audit;

import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditRecord;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A home with a migrated database (SQLite in the home, or a fresh database on the embedded PostgreSQL) holding an
 * audit chain recorded one second apart from 2026-04-23 14:22:00 UTC, and the {@code z4j} process pointed at it.
 * {@link #attacker(String)} runs SQL with the append-only triggers out of the way, as someone with database access
 * would.
 */
final class AuditFixture implements AutoCloseable {

    static final String SECRET = "tamper-test-secret-0123456789-abcdefghijklmnop";
    static final Instant START = Instant.parse("2026-04-23T14:22:00Z");

    final Path home;
    final DatabaseUrl url;
    final String databaseUrlSetting;
    final Database database;
    final List<AuditRecord> rows = new ArrayList<>();
    private final SteppingClock clock = new SteppingClock();

    AuditFixture(String kind, Path home) {
        this.home = home;
        try {
            java.nio.file.Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (kind.equals("sqlite")) {
            this.url = DatabaseUrl.sqlite(home.resolve("z4j.db"));
            this.databaseUrlSetting = null;
        } else {
            this.url = TestDatabases.postgresUrl();
            this.databaseUrlSetting = "postgresql://postgres:postgres@" + url.location();
        }
        this.database = TestDatabases.migrated(url);
    }

    AuditChain chain(String secret, String... previous) {
        List<Secret> old = new ArrayList<>();
        for (String p : previous) {
            old.add(Secret.ofText(p));
        }
        return new AuditChain(new JdbcAuditLog(database), database, SecretKeys.of(Secret.ofText(secret), old), clock);
    }

    AuditFixture record(int n) {
        AuditChain chain = chain(SECRET);
        for (int i = 0; i < n; i++) {
            UUID agent = UUID.nameUUIDFromBytes(("agent" + (i % 3)).getBytes());
            rows.add(chain.record(AuditEntry.of(Actor.agent(agent), "task.retry", "task", "celery-" + i)
                    .withRequest("203.0.113." + (i % 250), "z4j-agent/2").withMetadata(Map.of("attempt", i))));
        }
        return this;
    }

    AuditRecord row(long seq) {
        return rows.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
    }

    Z4jProcess z4j() {
        return Z4jProcess.inHome(home).env("Z4J_SECRET", SECRET).env("Z4J_DATABASE_URL", databaseUrlSetting);
    }

    /** Runs statements with the append-only guard disabled. */
    void attacker(String... statements) {
        database.write(h -> {
            if (database.dialect() == Dialect.SQLITE) {
                h.execute("DROP TRIGGER IF EXISTS audit_log_no_update");
                h.execute("DROP TRIGGER IF EXISTS audit_log_no_delete");
            } else {
                h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            }
            for (String statement : statements) {
                h.execute(statement);
            }
            return null;
        });
    }

    /**
     * Stderr without sqlite-jdbc's one-line ERROR about an old extracted native library that another JVM removed at
     * the same moment (parallel test processes share /tmp): that line is the driver's, not the command's.
     */
    static String ownLines(String stderr) {
        return stderr.lines().filter(line -> !line.contains("SQLiteJDBCLoader - Failed to delete old native lib"))
                .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
    }

    static String six(String hmac) {
        return hmac.substring(0, 6) + "...";
    }

    @Override
    public void close() {
        database.close();
    }

    /** One second per reading, so row n happened at 14:22:00 + n - 1 seconds (plus what verification reads). */
    private static final class SteppingClock extends Clock {
        private Instant next = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            Instant now = next;
            next = next.plusSeconds(1);
            return now;
        }
    }
}
