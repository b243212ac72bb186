package dev.z4j.adapter.jdbc.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.system.SqliteFiles;
import dev.z4j.adapter.jdbc.testing.SmallFileSystem;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.system.StorageFullException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite disk fills up while the brain runs: writes are refused with a clear error naming the disk and its
 * figures, reads keep working, writes resume once space returns, and nothing is corrupted.
 */
class SqliteDiskFullTest {

    @TempDir
    Path tmp;

    @Test
    void writes_fail_clearly_reads_go_on_and_writes_resume_when_space_returns() throws Exception {
        try (SmallFileSystem disk = SmallFileSystem.mount(tmp, 4096)) {
            DatabaseUrl url = DatabaseUrl.sqlite(disk.path().resolve("z4j.db"));
            try (Database database = TestDatabases.migrated(url)) {
                database.inTransaction(() -> database.write(h -> h.execute(
                        "CREATE TABLE payloads (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")));
                insert(database, 1, 16 * 1024);
                Path filler = disk.fillLeaving(32);

                assertThatThrownBy(() -> insert(database, 2, 512 * 1024))
                        .isInstanceOf(StorageFullException.class)
                        .hasMessageStartingWith("the disk holding " + url.sqliteFile().orElseThrow() + " is full (")
                        .hasMessageContaining(" available of 4.0 MiB (")
                        .hasMessageEndingWith("% used) at " + disk.path() + "): writes are refused until space is "
                                + "freed (df -h; remove old backups); reads keep working");
                assertThat(count(database)).isEqualTo(1);

                Files.delete(filler);
                insert(database, 3, 512 * 1024);
                assertThat(count(database)).isEqualTo(2);
            }
            assertThat(SqliteFiles.integrityProblems(disk.path().resolve("z4j.db"))).isEmpty();
        }
    }

    private static void insert(Database database, int id, int bytes) {
        database.inTransaction(() -> database.write(h -> h.createUpdate(
                "INSERT INTO payloads (id, body) VALUES (:id, randomblob(:bytes))")
                .bind("id", id).bind("bytes", bytes).execute()));
    }

    private static long count(Database database) {
        return database.read(h -> h.createQuery("SELECT COUNT(*) FROM payloads").mapTo(Long.class).one());
    }
}
