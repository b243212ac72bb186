package dev.z4j.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.domain.testing.FakeTransactions;
import dev.z4j.domain.testing.MutableClock;
import dev.z4j.ports.audit.Actor;
import dev.z4j.ports.system.Migrations.MigrationOutcome;
import dev.z4j.ports.system.Migrations;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunnerTest {

    @TempDir
    Path tmp;

    final Fakes.Snapshots snapshots = new Fakes.Snapshots();
    final Fakes.Schema schema = new Fakes.Schema();
    final Fakes.Journal journal = new Fakes.Journal();
    final Fakes.Audit audit = new Fakes.Audit();
    final MutableClock clock = new MutableClock(Instant.parse("2026-04-24T14:22:05Z"));

    MigrationRunner runner() {
        Backups backups = new Backups(snapshots, schema, journal, audit, new FakeTransactions(), clock, tmp, 7, Actor.system());
        return new MigrationRunner(schema, backups, audit, Actor.cli("ops"));
    }

    @Test
    void a_database_with_a_schema_is_backed_up_before_pending_migrations_apply() {
        schema.pending.addAll(List.of("2", "3"));
        MigrationOutcome outcome = runner().migrate(false);

        assertThat(outcome.applied()).containsExactly("2", "3");
        assertThat(outcome.backup()).hasValueSatisfying(b -> {
            assertThat(b.file()).isEqualTo(tmp.resolve("z4j-pre-migrate-3.db"));
            assertThat(b.file()).hasContent("snapshot 1");
        });
        assertThat(audit.entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("system.migrate");
            assertThat(e.actor()).isEqualTo(Actor.cli("ops"));
            assertThat(e.metadata()).containsEntry("from_version", "1").containsEntry("to_version", "3")
                    .containsEntry("applied", List.of("2", "3"))
                    .containsEntry("backup", tmp.resolve("z4j-pre-migrate-3.db").toString());
        });
    }

    @Test
    void an_empty_database_is_migrated_without_a_backup() {
        schema.current = Optional.empty();
        schema.pending.add("1");
        MigrationOutcome outcome = runner().migrate(false);

        assertThat(outcome.applied()).containsExactly("1");
        assertThat(outcome.backup()).isEmpty();
        assertThat(snapshots.taken).isZero();
    }

    @Test
    void nothing_pending_means_no_backup_and_no_audit_row() {
        MigrationOutcome outcome = runner().migrate(false);

        assertThat(outcome.applied()).isEmpty();
        assertThat(snapshots.taken).isZero();
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void without_a_possible_backup_it_refuses_unless_told_to_go_on() {
        schema.pending.add("2");
        snapshots.unavailable = Optional.of("pg_dump not found on PATH");

        assertThatThrownBy(() -> runner().migrate(false))
                .isInstanceOf(Migrations.BackupRequiredException.class)
                .hasMessage("1 migration(s) pending (2) and no backup can be taken first: pg_dump not found on PATH. "
                        + "Take a backup another way, then run `z4j migrate --yes`");
        assertThat(schema.migrated).isEmpty();

        MigrationOutcome outcome = runner().migrate(true);
        assertThat(outcome.applied()).containsExactly("2");
        assertThat(outcome.backup()).isEmpty();
        assertThat(audit.entries).singleElement().satisfies(e ->
                assertThat(e.metadata()).containsEntry("backup", "none"));
    }

    @Test
    void a_schema_newer_than_this_build_is_never_touched() {
        schema.newer = true;
        schema.current = Optional.of("9");

        assertThatThrownBy(() -> runner().migrate(true))
                .isInstanceOf(Migrations.SchemaTooNewException.class)
                .hasMessageContaining("schema (version 9) is newer than this z4j knows");
        assertThat(snapshots.taken).isZero();
    }
}
