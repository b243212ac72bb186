package dev.z4j.adapter.jdbc.agents;

import dev.z4j.adapter.jdbc.support.Database;
import dev.z4j.ports.system.SecretBoundState;

/**
 * Agent tokens are stored as hashes keyed with the secret and frame keys are derived from it: after a rotation no
 * credential works, so their rows go. The agents themselves stay (history, audit trail); each needs a replacement
 * credential minted with `rotate`.
 */
public final class AgentCredentialInvalidation implements SecretBoundState {

    private final Database database;

    public AgentCredentialInvalidation(Database database) {
        this.database = database;
    }

    @Override
    public String description() {
        return "agent credentials (mint a replacement for each agent and restart it)";
    }

    @Override
    public long invalidate() {
        return database.write(h -> (long) h.execute("DELETE FROM agent_tokens"));
    }
}
