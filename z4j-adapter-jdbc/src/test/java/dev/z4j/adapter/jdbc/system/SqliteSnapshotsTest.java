package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.SmallFileSystem;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.system.BackupFailedException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code VACUUM INTO} copies taken while the database is being written, and the checks restore runs on a file. */
class SqliteSnapshotsTest {

    @TempDir
    Path tmp;

    @Test
    void copies_taken_during_writes_are_sound_self_contained_snapshots() throws Exception {
        Database database = TestDatabases.sqlite();
        database.inTransaction(() -> database.write(h -> h.execute(
                "CREATE TABLE snapshot_probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                long id = written.incrementAndGet();
                database.inTransaction(() -> database.write(h -> h.createUpdate(
                        "INSERT INTO snapshot_probe (id, body) VALUES (:id, :body)").bind("id", id)
                        .bind("body", "event " + id + " " + "x".repeat(200)).execute()));
            }
        });
        writer.start();
        List<Path> copies = new ArrayList<>();
        try {
            SqliteSnapshots snapshots = new SqliteSnapshots(database);
            for (int i = 0; i < 3; i++) {
                while (written.get() < 200L * (i + 1)) {
                    Thread.onSpinWait();
                }
                Path copy = tmp.resolve("copy-" + i + ".db");
                snapshots.writeTo(copy);
                copies.add(copy);
            }
        } finally {
            writing.set(false);
            writer.join();
            database.close();
        }
        long previous = 0;
        for (Path copy : copies) {
            assertThat(SqliteFiles.integrityProblems(copy)).isEmpty();
            assertThat(Path.of(copy + "-wal")).doesNotExist();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(id) FROM snapshot_probe")) {
                rs.next();
                assertThat(rs.getLong(1)).as("a snapshot holds a gap-free prefix of the writes")
                        .isEqualTo(rs.getLong(2)).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(written.get());
                previous = rs.getLong(1);
            }
        }
        assertThat(previous).isGreaterThanOrEqualTo(600);
    }

    @Test
    void a_copy_onto_a_full_disk_fails_naming_the_disk() {
        Database database = TestDatabases.sqlite();
        try (SmallFileSystem disk = SmallFileSystem.mount(tmp, 64)) {
            database.inTransaction(() -> database.write(h -> h.execute(
                    "CREATE TABLE big AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
                            + "SELECT i, randomblob(1024) AS b FROM n")));
            Path target = disk.path().resolve("copy.db");

            assertThatThrownBy(() -> new SqliteSnapshots(database).writeTo(target))
                    .isInstanceOf(BackupFailedException.class)
                    .hasMessageStartingWith("no space left writing " + target + " (")
                    .hasMessageContaining("available of 64.0 KiB")
                    .hasMessageEndingWith("); free space or rotate backups");
        } finally {
            database.close();
        }
    }

    @Test
    void the_file_checks_tell_a_sound_database_from_a_corrupt_one_and_from_something_else() throws Exception {
        Database database = TestDatabases.sqlite();
        database.inTransaction(() -> database.write(h -> h.execute(
                "CREATE TABLE big AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                        + "SELECT i, hex(randomblob(100)) AS b FROM n")));
        Path copy = tmp.resolve("sound.db");
        new SqliteSnapshots(database).writeTo(copy);
        database.close();
        assertThat(SqliteFiles.hasSqliteHeader(copy)).isTrue();
        assertThat(SqliteFiles.integrityProblems(copy)).isEmpty();
        assertThat(SqliteFiles.tables(copy)).contains("z4j_meta", "flyway_schema_history", "big");

        Path corrupt = tmp.resolve("corrupt.db");
        Files.copy(copy, corrupt);
        try (RandomAccessFile file = new RandomAccessFile(corrupt.toFile(), "rw")) {
            file.seek(Files.size(corrupt) / 2);
            file.write(new byte[8192]);
        }
        assertThat(SqliteFiles.hasSqliteHeader(corrupt)).isTrue();
        assertThat(SqliteFiles.integrityProblems(corrupt)).isNotEmpty();

        Path text = tmp.resolve("notes.db");
        Files.writeString(text, "not a database", StandardCharsets.UTF_8);
        assertThat(SqliteFiles.hasSqliteHeader(text)).isFalse();
        assertThat(SqliteFiles.integrityProblems(text)).isNotEmpty();
    }
}
