package dev.z4j.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.domain.support.Checksums;
import dev.z4j.domain.testing.FakeTransactions;
import dev.z4j.domain.testing.MutableClock;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.system.BackupFailedException;
import dev.z4j.ports.system.DatabaseBackups.BackupReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {

    @TempDir
    Path tmp;

    final Fakes.Snapshots snapshots = new Fakes.Snapshots();
    final Fakes.Schema schema = new Fakes.Schema();
    final Fakes.Journal journal = new Fakes.Journal();
    final Fakes.Audit audit = new Fakes.Audit();
    final FakeTransactions tx = new FakeTransactions();
    final MutableClock clock = new MutableClock(Instant.parse("2026-04-24T14:22:05Z"));
    final Actor operator = Actor.cli("ops");

    Backups backups(int keep) {
        return new Backups(snapshots, schema, journal, audit, tx, clock, tmp.resolve("backups"), keep, operator);
    }

    @Test
    void the_first_copy_of_a_day_has_the_date_and_later_ones_a_time_suffix_never_overwriting() {
        Backups backups = backups(7);
        BackupReport first = backups.backup(Optional.empty());
        BackupReport second = backups.backup(Optional.empty());
        BackupReport third = backups.backup(Optional.empty());
        clock.advance(java.time.Duration.ofSeconds(1));
        BackupReport fourth = backups.backup(Optional.empty());

        assertThat(first.file().getFileName()).hasToString("z4j-2026-04-24.db");
        assertThat(second.file().getFileName()).hasToString("z4j-2026-04-24-142205.db");
        assertThat(third.file().getFileName()).hasToString("z4j-2026-04-24-142205-2.db");
        assertThat(fourth.file().getFileName()).hasToString("z4j-2026-04-24-142206.db");
        assertThat(first.file()).hasContent("snapshot 1");
        assertThat(second.file()).hasContent("snapshot 2");
    }

    @Test
    void each_copy_gets_a_sha256sum_sidecar_private_permissions_and_no_leftover_partial_file() throws IOException {
        BackupReport report = backups(7).backup(Optional.empty());

        assertThat(report.sha256()).isEqualTo(Checksums.sha256(report.file())).hasSize(64);
        assertThat(Checksums.sidecarOf(report.file())).hasContent(report.sha256() + "  z4j-2026-04-24.db");
        assertThat(Checksums.expectedFromSidecar(report.file())).contains(report.sha256());
        assertThat(report.sizeBytes()).isEqualTo(Files.size(report.file()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report.file().getParent())))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(report.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("z4j-2026-04-24.db", "z4j-2026-04-24.db.sha256");
        }
    }

    @Test
    void an_explicit_output_that_exists_is_refused_and_left_alone() throws IOException {
        Path taken = tmp.resolve("mine.db");
        Files.writeString(taken, "precious");

        assertThatThrownBy(() -> backups(7).backup(Optional.of(taken)))
                .isInstanceOf(BackupFailedException.class)
                .hasMessage("refusing to overwrite " + taken + "; choose another --output");
        assertThat(taken).hasContent("precious");
        assertThat(snapshots.taken).isZero();
    }

    @Test
    void an_explicit_output_is_written_and_not_rotated() throws IOException {
        Path backupsFolder = Files.createDirectories(tmp.resolve("backups"));
        Files.writeString(backupsFolder.resolve("z4j-2020-01-01.db"), "old");
        BackupReport report = backups(1).backup(Optional.of(tmp.resolve("elsewhere/copy.db")));

        assertThat(report.file()).isEqualTo(tmp.resolve("elsewhere/copy.db")).hasContent("snapshot 1");
        assertThat(report.removedByRotation()).isEmpty();
        assertThat(backupsFolder.resolve("z4j-2020-01-01.db")).exists();
    }

    @Test
    void rotation_keeps_the_newest_dated_copies_with_their_checksums_and_nothing_else() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("backups"));
        for (String name : List.of("z4j-2026-04-20.db", "z4j-2026-04-21.db", "z4j-2026-04-21-090000.db",
                "z4j-2026-04-22.db", "z4j-pre-migrate-2.db", "notes.txt")) {
            Files.writeString(folder.resolve(name), name);
            Files.writeString(folder.resolve(name + ".sha256"), "x");
        }
        BackupReport report = backups(3).backup(Optional.empty());

        assertThat(report.removedByRotation()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("z4j-2026-04-20.db", "z4j-2026-04-21.db");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "z4j-2026-04-21-090000.db", "z4j-2026-04-21-090000.db.sha256",
                    "z4j-2026-04-22.db", "z4j-2026-04-22.db.sha256",
                    "z4j-2026-04-24.db", "z4j-2026-04-24.db.sha256",
                    "z4j-pre-migrate-2.db", "z4j-pre-migrate-2.db.sha256", "notes.txt", "notes.txt.sha256");
        }
    }

    @Test
    void rotation_orders_the_plain_copy_of_a_day_before_its_timed_ones() {
        List<String> names = Stream.of("z4j-2026-04-24-142205-2.db", "z4j-2026-04-24-142205.db", "z4j-2026-04-24.db",
                        "z4j-2026-04-23-235959.db", "z4j-2026-04-24-142205-10.db")
                .sorted(java.util.Comparator.comparing(n -> Backups.rotationKey(Path.of(n)))).toList();
        assertThat(names).containsExactly("z4j-2026-04-23-235959.db", "z4j-2026-04-24.db", "z4j-2026-04-24-142205.db",
                "z4j-2026-04-24-142205-2.db", "z4j-2026-04-24-142205-10.db");
    }

    @Test
    void a_backup_is_journaled_and_audited_in_one_transaction() {
        BackupReport report = backups(7).backup(Optional.empty());

        assertThat(tx.committed()).isEqualTo(1);
        assertThat(journal.lastBackup()).hasValueSatisfying(b -> {
            assertThat(b.file()).isEqualTo(report.file().toString());
            assertThat(b.sha256()).isEqualTo(report.sha256());
            assertThat(b.takenAt()).isEqualTo(clock.instant());
        });
        assertThat(audit.entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("system.backup");
            assertThat(e.actor()).isEqualTo(operator);
            assertThat(e.metadata()).containsEntry("sha256", report.sha256())
                    .containsEntry("file", report.file().toString());
        });
    }

    @Test
    void with_migrations_pending_the_backup_is_taken_and_journaled_but_not_audited() {
        schema.pending.add("2");
        BackupReport report = backups(7).backup(Optional.empty());

        assertThat(report.file()).exists();
        assertThat(journal.backups).hasSize(1);
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void no_backup_when_snapshots_are_unavailable_says_why() {
        snapshots.unavailable = Optional.of("pg_dump not found on PATH");

        assertThatThrownBy(() -> backups(7).backup(Optional.empty()))
                .isInstanceOf(BackupFailedException.class).hasMessage("pg_dump not found on PATH");
        assertThat(journal.backups).isEmpty();
    }

    @Test
    void a_failing_snapshot_leaves_no_file_under_any_name() throws IOException {
        snapshots.fail = true;

        assertThatThrownBy(() -> backups(7).backup(Optional.empty()))
                .isInstanceOf(BackupFailedException.class).hasMessageContaining("broke half way");
        try (Stream<Path> files = Files.list(tmp.resolve("backups"))) {
            assertThat(files).isEmpty();
        }
        assertThat(journal.backups).isEmpty();
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void the_pre_migration_copy_is_named_for_the_target_version_and_never_replaces_an_earlier_one() {
        Backups backups = backups(1);
        BackupReport first = backups.backupBeforeMigration("3");
        BackupReport second = backups.backupBeforeMigration("3");

        assertThat(first.file().getFileName()).hasToString("z4j-pre-migrate-3.db");
        assertThat(second.file().getFileName()).hasToString("z4j-pre-migrate-3-2026-04-24-142205.db");
        assertThat(first.file()).hasContent("snapshot 1");
        assertThat(second.file()).hasContent("snapshot 2");
        assertThat(journal.backups).as("journaling would change the database being copied").isEmpty();
        assertThat(audit.entries).as("the migration's own audit row names the copy").isEmpty();
    }

    @Test
    void an_identical_pre_migration_copy_is_reused_rather_than_piled_up() throws IOException {
        snapshots.sameContent = true;
        Backups backups = backups(1);
        BackupReport first = backups.backupBeforeMigration("3");
        BackupReport again = backups.backupBeforeMigration("3");

        assertThat(again.file()).isEqualTo(first.file());
        assertThat(again.sha256()).isEqualTo(first.sha256());
        try (Stream<Path> files = Files.list(tmp.resolve("backups"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("z4j-pre-migrate-3.db", "z4j-pre-migrate-3.db.sha256");
        }
    }
}
