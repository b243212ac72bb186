package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.SystemPostgres;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pg_dump / pg_restore and the database-level statements, against real servers. */
class PostgresToolsTest {

    @TempDir
    Path tmp;

    @Test
    void a_pg_dump_older_than_the_server_is_refused_naming_both_versions() {
        Optional<Integer> pgDump = SystemPostgres.pgDumpMajorVersion();
        assumeTrue(pgDump.isPresent() && pgDump.get() < 17, "needs a pg_dump older than the embedded PostgreSQL 17");
        PostgresTools tools = new PostgresTools(TestDatabases.postgresUrl(), System.getenv());

        assertThat(tools.unavailableReason("pg_dump")).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("pg_dump " + pgDump.get() + " on PATH (")
                .endsWith(") cannot work with PostgreSQL 17 (it must be at least the server's major version); install "
                        + "postgresql-client-17 and put it first on PATH"));
        assertThat(new PostgresSnapshots(tools).unavailableReason()).isPresent();
    }

    @Test
    void without_pg_dump_on_path_the_reason_says_what_to_install() {
        PostgresTools tools = new PostgresTools(TestDatabases.postgresUrl(), Map.of("PATH", tmp.toString()));

        assertThat(tools.unavailableReason("pg_dump")).contains("pg_dump not found on PATH; install the PostgreSQL "
                + "client tools of the server's major version or newer (Debian/Ubuntu: postgresql-client-<major> from "
                + "apt.postgresql.org)");
        assertThatThrownBy(() -> new PostgresSnapshots(tools).writeTo(tmp.resolve("x.dump")))
                .hasMessageStartingWith("pg_dump not found on PATH");
    }

    @Test
    void dump_list_restore_into_a_scratch_database_and_rename_on_a_matching_server() throws Exception {
        try (SystemPostgres server = SystemPostgres.start()) {
            DatabaseUrl live = DatabaseUrl.parse(Optional.of(server.newDatabaseUrl("z4j")), tmp);
            try (Database database = TestDatabases.migrated(live)) {
                new JdbcOperationsJournal(database, Clock.systemUTC()).backupTaken(
                        new dev.z4j.ports.system.OperationsJournal.BackupRecord(Instant.parse("2026-04-24T10:00:00Z"),
                                "/b/marker.db", 1, "ab"));
                PostgresTools tools = new PostgresTools(live, System.getenv());
                assertThat(tools.unavailableReason("pg_dump")).isEmpty();
                assertThat(tools.connectionsTo("z4j")).isNotEmpty();

                Path archive = tmp.resolve("z4j.dump");
                new PostgresSnapshots(tools).writeTo(archive);
                assertThat(Files.size(archive)).isPositive();
                assertThat(tools.list(archive)).anyMatch(line -> line.contains("TABLE public z4j_meta"));

                tools.createDatabase("z4j_scratch");
                tools.restore(archive, "z4j_scratch");
                try (Database scratch = Database.open(live.withDatabase("z4j_scratch"), 2)) {
                    assertThat(new JdbcOperationsJournal(scratch, Clock.systemUTC()).lastBackup())
                            .hasValueSatisfying(b -> assertThat(b.file()).isEqualTo("/b/marker.db"));
                }
                tools.renameDatabase("z4j_scratch", "z4j_renamed");
                assertThat(tools.databaseExists("z4j_renamed")).isTrue();
                assertThat(tools.databaseExists("z4j_scratch")).isFalse();
                tools.dropDatabase("z4j_renamed");
                assertThat(tools.databaseExists("z4j_renamed")).isFalse();

                Path notAnArchive = Files.writeString(tmp.resolve("notes.dump"), "hello");
                assertThatThrownBy(() -> tools.list(notAnArchive))
                        .isInstanceOf(PostgresTools.ToolFailedException.class)
                        .hasMessageStartingWith("pg_restore failed (exit 1): ")
                        .hasMessageContaining("not appear to be a valid archive");
            }
        }
    }
}
