package dev.z4j.adapter.jdbc.identity;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class PostgresLoginAttemptStoreTest extends LoginAttemptStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
