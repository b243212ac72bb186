package dev.z4j.adapter.jdbc.schedules;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class PostgresScheduleStoreTest extends ScheduleStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
