package dev.z4j.adapter.jdbc.ingest;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class PostgresIngestStoreTest extends IngestStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
