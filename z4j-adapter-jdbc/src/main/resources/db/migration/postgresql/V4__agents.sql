-- Agents (SPEC §5): identity rows, their live credentials, their worker connections.

-- An agent's identity. It outlives its credentials: revoking deletes the agent_tokens row, never this one, so the
-- audit trail (actor_id = this id) and the agent's history keep a stable key. credential_generation counts the
-- credentials minted for it; each generation has its own frame key (derived, never stored).
-- The liveness columns are what the agent last reported (hello, heartbeats).
CREATE TABLE agents (
    id                    UUID PRIMARY KEY,
    project_id            UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name                  TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    credential_generation BIGINT NOT NULL DEFAULT 1 CHECK (credential_generation >= 1),
    created_at            TIMESTAMPTZ NOT NULL,
    state                 TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('unknown', 'online', 'offline')),
    protocol_version      TEXT NOT NULL DEFAULT '0',
    agent_version         TEXT,
    framework             TEXT NOT NULL DEFAULT 'unknown',
    engines               JSONB NOT NULL DEFAULT '[]',
    schedulers            JSONB NOT NULL DEFAULT '[]',
    capabilities          JSONB NOT NULL DEFAULT '{}',
    host_name             TEXT,
    last_seen_at          TIMESTAMPTZ,
    last_connect_at       TIMESTAMPTZ,
    UNIQUE (project_id, name)
);
CREATE INDEX ix_agents_state ON agents (state, last_seen_at);

-- An agent's live credential: the keyed hash of its bearer token, never the token. At most one per agent.
CREATE TABLE agent_tokens (
    agent_id   UUID PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE CHECK (char_length(token_hash) = 64),
    generation BIGINT NOT NULL CHECK (generation >= 1),
    issued_at  TIMESTAMPTZ NOT NULL
);

-- The worker processes of an agent that connect (hello.worker_id; '' for a legacy single-connection agent).
CREATE TABLE agent_workers (
    agent_id        UUID NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    worker_id       TEXT NOT NULL,
    project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    role            TEXT,
    pid             INTEGER,
    started_at      TEXT,
    state           TEXT NOT NULL DEFAULT 'online' CHECK (state IN ('online', 'offline')),
    last_seen_at    TIMESTAMPTZ NOT NULL,
    last_connect_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agent_id, worker_id)
);
CREATE INDEX ix_agent_workers_project ON agent_workers (project_id, state);
