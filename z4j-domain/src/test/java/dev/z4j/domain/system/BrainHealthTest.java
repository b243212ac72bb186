package dev.z4j.domain.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.domain.testing.MutableClock;
import dev.z4j.ports.audit.VerificationReport.Outcome;
import dev.z4j.ports.audit.VerificationStatus;
import dev.z4j.ports.system.AgentsOnline;
import dev.z4j.ports.system.BrainInfo;
import dev.z4j.ports.system.DatabaseProbe;
import dev.z4j.ports.system.DiskSpace;
import dev.z4j.ports.system.OperationsJournal.BackupRecord;
import dev.z4j.ports.system.Replica;
import dev.z4j.ports.system.RowCounts;
import dev.z4j.ports.system.SystemHealth.CheckResult;
import dev.z4j.ports.system.SystemHealth.ReplicaStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BrainHealthTest {

    final Fakes.Schema schema = new Fakes.Schema();
    final Fakes.Journal journal = new Fakes.Journal();
    final MutableClock clock = new MutableClock(Instant.parse("2026-04-24T12:00:00Z"));
    final Map<String, Long> counts = new LinkedHashMap<>();
    OptionalLong owners = OptionalLong.empty();
    DiskSpace.Usage usage = new DiskSpace.Usage("/var/lib/z4j", 50L << 30, 100L << 30);
    final Fakes.Audit audit = new Fakes.Audit();
    final Fakes.Replicas replicas = new Fakes.Replicas();

    BrainHealth health() {
        DatabaseProbe probe = new DatabaseProbe() {
            @Override
            public DatabaseDescription describe() {
                return new DatabaseDescription(Kind.SQLITE, "/var/lib/z4j/z4j.db", Optional.of(Path.of("/x")),
                        Optional.of(1L), "SQLite 3");
            }

            @Override
            public void ping() {
            }
        };
        RowCounts rows = new RowCounts() {
            @Override
            public Map<String, Long> count() {
                return counts;
            }

            @Override
            public OptionalLong activeOwners() {
                return owners;
            }
        };
        return new BrainHealth(new BrainInfo("1.0", "dev"), probe, schema, rows, () -> Optional.of(usage), audit,
                journal, AgentsOnline.NOT_TRACKED, replicas, clock);
    }

    @Test
    void a_fresh_healthy_install_is_only_told_to_take_a_backup() {
        assertThat(health().advice()).containsExactly("no backup recorded: run `z4j backup` (or set "
                + "Z4J_BACKUP_INTERVAL_SECONDS) and copy it and secret.env off the host");
    }

    @Test
    void a_single_owner_an_old_backup_and_a_stale_audit_verification_are_each_named() {
        owners = OptionalLong.of(1);
        counts.put("audit_log", 10L);
        journal.backupTaken(new BackupRecord(clock.instant().minus(Duration.ofHours(50)), "/b/z4j-2026-04-22.db", 1, "ab"));
        audit.lastVerification = Optional.of(new VerificationStatus(clock.instant().minus(Duration.ofDays(8)), Outcome.INTACT,
                10, "OK (walked 10 rows, chain intact)"));

        assertThat(health().advice()).containsExactly(
                "only one active owner: if that account is lost, only shell access recovers the installation; add a "
                        + "second owner",
                "the last backup is 2 days old (/b/z4j-2026-04-22.db): run `z4j backup`, or set "
                        + "Z4J_BACKUP_INTERVAL_SECONDS=86400",
                "the audit chain was last verified 8 days ago: run `z4j audit verify` (monthly at least), or keep "
                        + "Z4J_AUDIT_VERIFY_INTERVAL_SECONDS on");
    }

    @Test
    void a_failed_verification_and_a_never_verified_chain_are_warned_about() {
        counts.put("audit_log", 10L);
        journal.backupTaken(new BackupRecord(clock.instant(), "/b/x.db", 1, "ab"));
        assertThat(health().advice()).containsExactly("the audit chain has never been verified: run `z4j audit verify`");

        audit.lastVerification = Optional.of(new VerificationStatus(clock.instant(), Outcome.BROKEN, 3,
                "FAIL at row 3 (audit_id=4f2b)"));
        assertThat(health().advice()).containsExactly("the last audit verification did not pass (FAIL at row 3 "
                + "(audit_id=4f2b)): follow the audit-tampered playbook (`z4j audit evidence` first)");
    }

    @Test
    void low_disk_is_advice_above_the_floor_and_a_failed_check_below_it() {
        journal.backupTaken(new BackupRecord(clock.instant(), "/b/x.db", 1, "ab"));
        usage = new DiskSpace.Usage("/var/lib/z4j", 500L << 20, 20L << 30);
        assertThat(health().advice()).containsExactly("low disk: 500.0 MiB available of 20.0 GiB (98% used) at "
                + "/var/lib/z4j; free space or rotate backups before SQLite reaches its 100.0 MiB floor for WAL commits");
        assertThat(health().check()).filteredOn(c -> c.name().equals("disk")).singleElement()
                .extracting(CheckResult::ok).isEqualTo(true);

        usage = new DiskSpace.Usage("/var/lib/z4j", 10L << 20, 20L << 30);
        assertThat(health().check()).filteredOn(c -> c.name().equals("disk")).singleElement().satisfies(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.detail()).isEqualTo("10.0 MiB available of 20.0 GiB (100% used) at /var/lib/z4j, below the "
                    + "100.0 MiB SQLite needs for WAL commits; free space or rotate backups");
        });
    }

    @Test
    void the_checks_read_the_audit_head_and_fail_when_it_cannot_be_read() {
        assertThat(health().check()).extracting(CheckResult::name)
                .containsExactly("database", "schema", "disk", "audit");
        assertThat(audit(health())).isEqualTo(CheckResult.pass("audit", "log empty"));
        audit.record(dev.z4j.ports.audit.AuditEntry.of(dev.z4j.ports.audit.Actor.system(), "system.migrate", "database",
                null));
        audit.head = Optional.of(audit.record(dev.z4j.ports.audit.AuditEntry.of(dev.z4j.ports.audit.Actor.system(),
                "system.backup", "database", null)));
        assertThat(audit(health())).isEqualTo(CheckResult.pass("audit", "head at row 2, key key"));

        audit.headFailure = new IllegalStateException("no such column: row_hmac");
        assertThat(audit(health())).isEqualTo(CheckResult.fail("audit", "cannot read the audit head: no such column: "
                + "row_hmac"));
        schema.pending.add("4");
        assertThat(audit(health())).isEqualTo(CheckResult.fail("audit", "not checked until the schema is current"));
    }

    private static CheckResult audit(BrainHealth health) {
        return health.check().stream().filter(c -> c.name().equals("audit")).findFirst().orElseThrow();
    }

    @Test
    void status_reports_the_last_backup_and_agents_online_when_known() {
        journal.backupTaken(new BackupRecord(clock.instant(), "/b/x.db", 1, "ab"));
        var report = health().status();
        assertThat(report.lastBackup()).map(BackupRecord::file).contains("/b/x.db");
        assertThat(report.agentsOnline()).isEmpty();
    }

    @Test
    void status_lists_the_replicas_of_the_last_hour_and_which_still_run() {
        Instant now = clock.instant();
        Replica leader = replica("00000000000000a1", now.minusSeconds(5), true);
        Replica killed = replica("00000000000000b2", now.minusSeconds(31), false);
        Replica forgotten = replica("00000000000000c3", now.minus(Duration.ofMinutes(61)), false);
        List.of(leader, killed, forgotten).forEach(replicas::heartbeat);

        assertThat(health().status().replicas()).containsExactly(new ReplicaStatus(leader, true),
                new ReplicaStatus(killed, false));

        schema.pending.add("8");
        assertThat(health().status().replicas()).as("not read while the schema is behind").isEmpty();
    }

    private static Replica replica(String id, Instant seen, boolean leader) {
        return new Replica(id, "host-a", 7700, 42, "1.0", "0123456789abcdef", seen.minusSeconds(600), seen, leader);
    }
}
