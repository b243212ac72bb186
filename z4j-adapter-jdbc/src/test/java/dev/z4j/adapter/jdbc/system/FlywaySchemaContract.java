package dev.z4j.adapter.jdbc.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.ports.system.SchemaMigrations.MigrationEntry;
import dev.z4j.ports.system.SchemaMigrations.SchemaStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The migration chain on each real database. */
abstract class FlywaySchemaContract {

    abstract DatabaseUrl emptyDatabase();

    @Test
    void an_empty_database_has_every_version_pending_then_migrates_once() {
        FlywaySchema schema = new FlywaySchema(emptyDatabase());
        SchemaStatus before = schema.status();
        assertThat(before.currentVersion()).isEmpty();
        assertThat(before.pendingVersions()).isNotEmpty().startsWith("1");
        assertThat(before.isCurrent()).isFalse();

        List<String> applied = schema.migrate();
        assertThat(applied).isEqualTo(before.pendingVersions());
        SchemaStatus after = schema.status();
        assertThat(after.isCurrent()).isTrue();
        assertThat(after.currentVersion()).contains(after.latestKnownVersion());

        assertThat(schema.migrate()).isEmpty();
        assertThat(schema.history()).allSatisfy(entry -> {
            assertThat(entry.state()).isEqualTo(MigrationEntry.State.APPLIED);
            assertThat(entry.installedOn()).isPresent();
        });
    }

    @Test
    void the_probe_describes_the_migrated_database() {
        DatabaseUrl url = emptyDatabase();
        new FlywaySchema(url).migrate();
        try (Database database = Database.open(url, 4)) {
            JdbcDatabaseProbe probe = new JdbcDatabaseProbe(database);
            probe.ping();
            assertThat(probe.describe().location()).isEqualTo(url.location());
            assertThat(probe.describe().sizeBytes()).hasValueSatisfying(size -> assertThat(size).isPositive());
        }
    }
}
