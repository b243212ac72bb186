package dev.z4j.adapter.jdbc.support;

import dev.z4j.adapter.jdbc.testing.TestDatabases;

class PostgresTransactionsTest extends TransactionsContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
