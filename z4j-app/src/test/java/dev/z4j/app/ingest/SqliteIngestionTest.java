package dev.z4j.app.ingest;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteIngestionTest extends IngestionContract {
    @Override
    Database open() {
        return TestDatabases.sqlite();
    }
}
