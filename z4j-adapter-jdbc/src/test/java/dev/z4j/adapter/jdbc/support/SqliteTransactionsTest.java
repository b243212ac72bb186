package dev.z4j.adapter.jdbc.support;

import dev.z4j.adapter.jdbc.testing.TestDatabases;

class SqliteTransactionsTest extends TransactionsContract {
    @Override
    Database open() {
        return TestDatabases.sqlite();
    }
}
