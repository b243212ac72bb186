package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteFlywaySchemaTest extends FlywaySchemaContract {
    @Override
    DatabaseUrl emptyDatabase() {
        return TestDatabases.sqliteUrl();
    }
}
