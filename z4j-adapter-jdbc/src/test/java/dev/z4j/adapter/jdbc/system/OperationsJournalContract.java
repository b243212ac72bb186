package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.system.OperationsJournal.BackupRecord;
import dev.z4j.ports.system.OperationsJournal.RestoreRecord;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code OperationsJournal} out-port on {@code z4j_meta}, against each real database. */
abstract class OperationsJournalContract {

    Database database;
    JdbcOperationsJournal journal;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        journal = new JdbcOperationsJournal(database, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void nothing_is_recorded_on_a_new_database() {
        assertThat(journal.lastBackup()).isEmpty();
        assertThat(journal.lastRestore()).isEmpty();
    }

    @Test
    void the_latest_backup_replaces_the_one_before() {
        journal.backupTaken(new BackupRecord(Instant.parse("2026-04-23T10:00:00Z"), "/b/one.db", 10, "aa"));
        BackupRecord second = new BackupRecord(Instant.parse("2026-04-24T10:00:00.123456Z"), "/b/two.db", 20, "bb");
        journal.backupTaken(second);

        assertThat(journal.lastBackup()).contains(second);
    }

    @Test
    void restores_round_trip() {
        RestoreRecord restore = new RestoreRecord(Instant.parse("2026-04-24T11:00:00.000001Z"), "/b/two.db", "bb");
        journal.restored(restore);

        assertThat(journal.lastRestore()).contains(restore);
    }

    @Test
    void a_write_joins_the_callers_transaction_and_rolls_back_with_it() {
        try {
            database.inTransaction(() -> {
                journal.backupTaken(new BackupRecord(Instant.now(), "/b/x.db", 1, "cc"));
                throw new IllegalStateException("the audit row failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        assertThat(journal.lastBackup()).isEmpty();
    }
}
