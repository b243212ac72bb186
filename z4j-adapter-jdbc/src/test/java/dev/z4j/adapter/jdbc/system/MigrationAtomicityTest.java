package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.support.Dialect;
import dev.z4j.adapter.jdbc.testing.TestDatabases;
import dev.z4j.ports.system.MigrationFailedException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failed migration leaves the database as it was, on both databases: every pending migration is applied in one
 * transaction, so an earlier migration of the same run is rolled back with the one that failed.
 */
class MigrationAtomicityTest {

    static DatabaseUrl fresh(Dialect dialect) {
        return dialect == Dialect.SQLITE ? TestDatabases.sqliteUrl() : TestDatabases.postgresUrl();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_later_failing_migration_rolls_back_the_earlier_ones_of_the_same_run(Dialect dialect) {
        DatabaseUrl url = fresh(dialect);
        FlywaySchema schema = new FlywaySchema(url, List.of(dialect.migrationLocation(),
                "classpath:db/failing/" + dialect.migrationLocation().substring("classpath:db/migration/".length())));
        assertThat(schema.status().pendingVersions()).startsWith("1", "1.5");

        assertThatThrownBy(schema::migrate)
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("migration V1.5 (breaks after creating a table) failed: ")
                .hasMessageContaining("no_such_table")
                .satisfies(e -> assertThat(((MigrationFailedException) e).version()).contains("1.5"));

        try (Database database = Database.open(url, 2)) {
            assertThat(new JdbcRowCounts(database).tables())
                    .doesNotContain("z4j_meta", "setup_tokens", "created_before_the_failure");
        }
        assertThat(new FlywaySchema(url).status().currentVersion()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_database_with_tables_but_no_z4j_history_is_not_migrated(Dialect dialect) {
        DatabaseUrl url = fresh(dialect);
        try (Database database = Database.open(url, 2)) {
            database.inTransaction(() -> database.write(h -> h.execute("CREATE TABLE someone_elses (x INTEGER)")));
        }
        FlywaySchema schema = new FlywaySchema(url);

        assertThatThrownBy(schema::migrate)
                .isInstanceOf(MigrationFailedException.class)
                .hasMessage("the database " + url.location() + " already holds tables but no z4j migration history: "
                        + "it is not a z4j database; point Z4J_DATABASE_URL at an empty database or at a z4j one");

        try (Database database = Database.open(url, 2)) {
            assertThat(new JdbcRowCounts(database).tables()).containsExactly("someone_elses");
        }
    }
}
