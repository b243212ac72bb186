package dev.z4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.audit.JdbcAuditLog;
import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.app.testing.Z4jProcess;
import dev.z4j.domain.audit.AuditChain;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.audit.AuditEntry;
import dev.z4j.ports.audit.AuditQuery;
import dev.z4j.ports.system.Secret;
import dev.z4j.ports.system.SecretKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running brain verifies its chain on schedule and applies audit retention. */
class AuditScheduleTest {

    private static final String SECRET = "schedule-secret-0123456789-abcdefghijklmnop";

    @TempDir
    Path tmp;

    @Test
    void the_brain_verifies_on_schedule_and_remembers_the_result() {
        try (Z4jBrain brain = Z4jBrain.builder().home(tmp.resolve("home")).secret(SECRET).bind("127.0.0.1", 0)
                .setting("Z4J_AUDIT_VERIFY_INTERVAL_SECONDS", "1").build().start()) {
            brain.audit().record(AuditEntry.of(Actor.system(), "test.scheduled", "x", null));
            Z4jProcess.await("a scheduled verification that saw the row", Duration.ofSeconds(20), () -> brain.audit()
                    .lastVerification().map(v -> v.intact() && v.rowsWalked() >= 1).orElse(false));
            assertThat(brain.audit().lastVerification().orElseThrow().summary()).startsWith("OK (walked ");
        }
    }

    @Test
    void retention_prunes_old_rows_behind_an_anchor_when_configured() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        try (Database database = TestDatabases.migrated(DatabaseUrl.sqlite(home.resolve("z4j.db")))) {
            AuditChain past = new AuditChain(new JdbcAuditLog(database), database,
                    SecretKeys.of(Secret.ofText(SECRET), List.of()),
                    Clock.fixed(Instant.now().minus(Duration.ofDays(10)), ZoneOffset.UTC));
            for (int i = 0; i < 5; i++) {
                past.record(AuditEntry.of(Actor.system(), "old.row", "x", Integer.toString(i)));
            }
        }
        try (Z4jBrain brain = Z4jBrain.builder().home(home).secret(SECRET).bind("127.0.0.1", 0)
                .setting("Z4J_AUDIT_RETENTION_DAYS", "7").setting("Z4J_AUDIT_VERIFY_INTERVAL_SECONDS", "0")
                .build().start()) {
            Z4jProcess.await("the old rows pruned", Duration.ofSeconds(30), () -> brain.audit()
                    .search(AuditQuery.all().withActionPrefix("old.")).rows().isEmpty());
            AuditQuery oldestFirst = AuditQuery.all().withOrder(AuditQuery.Order.OLDEST_FIRST);
            assertThat(brain.audit().search(oldestFirst).rows().get(0).seq()).isEqualTo(6);
            assertThat(brain.audit().search(AuditQuery.all().withActionPrefix("audit.pruned")).rows())
                    .singleElement().satisfies(anchor -> assertThat(anchor.entry().metadata())
                            .containsEntry("pruned_through_seq", 5L).containsEntry("pruned_from_seq", 1L));
            assertThat(brain.audit().verify(dev.z4j.ports.audit.VerificationRequest.wholeChain()).outcome())
                    .isEqualTo(dev.z4j.ports.audit.VerificationReport.Outcome.INTACT);
        }
    }
}
