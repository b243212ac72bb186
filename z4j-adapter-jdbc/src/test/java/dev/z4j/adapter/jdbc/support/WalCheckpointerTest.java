package dev.z4j.adapter.jdbc.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.ports.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's own checkpoint waits until its log holds 64 MiB; well before that, the background checkpointer has
 * copied what was committed into the database file, and it stops with the database.
 */
class WalCheckpointerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void committed_pages_reach_the_database_file_without_the_writer_checkpointing() {
        Path file = dir.resolve("z4j.db");
        try (Database database = Database.open(DatabaseUrl.sqlite(file), 1)) {
            database.write(h -> h.execute("CREATE TABLE filler (payload TEXT NOT NULL)"));
            long before = size(file);
            database.write(h -> h.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                    + "WHERE i < 1000) INSERT INTO filler SELECT hex(randomblob(1000)) FROM n"));
            Await.until("the background checkpoint has copied 2 MB into the database file", WAIT,
                    () -> size(file) > before + 2_000_000);
        }
        Await.until("the checkpoint thread has stopped", WAIT, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("z4j-sqlite-checkpoint")));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
