package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteSecretBoundStateTest extends SecretBoundStateContract {
    @Override
    Database open() {
        return TestDatabases.sqlite();
    }
}
