package dev.z4j.adapter.jdbc.agents;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.adapter.jdbc.testing.TestDatabases;

class PostgresAgentLivenessStoreTest extends AgentLivenessStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
