-- Agents (SPEC §5): identity rows, their live credentials, their worker connections.
-- Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS.ffffff'; UUIDs are text; JSON columns are text.

-- An agent's identity. It outlives its credentials: revoking deletes the agent_tokens row, never this one, so the
-- audit trail (actor_id = this id) and the agent's history keep a stable key. credential_generation counts the
-- credentials minted for it; each generation has its own frame key (derived, never stored).
-- The liveness columns are what the agent last reported (hello, heartbeats).
CREATE TABLE agents (
    id                    TEXT PRIMARY KEY,
    project_id            TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    credential_generation INTEGER NOT NULL DEFAULT 1 CHECK (credential_generation >= 1),
    created_at            TEXT NOT NULL,
    state                 TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('unknown', 'online', 'offline')),
    protocol_version      TEXT NOT NULL DEFAULT '0',
    agent_version         TEXT,
    framework             TEXT NOT NULL DEFAULT 'unknown',
    engines               TEXT NOT NULL DEFAULT '[]',
    schedulers            TEXT NOT NULL DEFAULT '[]',
    capabilities          TEXT NOT NULL DEFAULT '{}',
    host_name             TEXT,
    last_seen_at          TEXT,
    last_connect_at       TEXT,
    UNIQUE (project_id, name)
);
CREATE INDEX ix_agents_state ON agents (state, last_seen_at);

-- An agent's live credential: the keyed hash of its bearer token, never the token. At most one per agent.
CREATE TABLE agent_tokens (
    agent_id   TEXT PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    generation INTEGER NOT NULL CHECK (generation >= 1),
    issued_at  TEXT NOT NULL
);

-- The worker processes of an agent that connect (hello.worker_id; '' for a legacy single-connection agent).
CREATE TABLE agent_workers (
    agent_id        TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    worker_id       TEXT NOT NULL,
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    role            TEXT,
    pid             INTEGER,
    started_at      TEXT,
    state           TEXT NOT NULL DEFAULT 'online' CHECK (state IN ('online', 'offline')),
    last_seen_at    TEXT NOT NULL,
    last_connect_at TEXT NOT NULL,
    PRIMARY KEY (agent_id, worker_id)
);
CREATE INDEX ix_agent_workers_project ON agent_workers (project_id, state);
