package dev.z4j.adapter.jdbc.projects;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteProjectStoresTest extends ProjectStoresContract {
    @Override
    Database open() {
        return TestDatabases.sqlite();
    }
}
