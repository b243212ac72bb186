package dev.z4j.adapter.jdbc.system;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteReplicaRegistryTest extends ReplicaRegistryContract {
    @Override
    Database open() {
        return TestDatabases.sqlite();
    }
}
