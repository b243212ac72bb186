package dev.z4j.adapter.jdbc.commands;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteCommandStoreTest extends CommandStoreContract {
    @Override
    Database open() {
        return TestDatabases.sqlite();
    }
}
