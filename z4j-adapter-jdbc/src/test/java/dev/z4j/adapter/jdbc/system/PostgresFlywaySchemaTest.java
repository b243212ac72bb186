package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.DatabaseUrl;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class PostgresFlywaySchemaTest extends FlywaySchemaContract {
    @Override
    DatabaseUrl emptyDatabase() {
        return TestDatabases.postgresUrl();
    }
}
