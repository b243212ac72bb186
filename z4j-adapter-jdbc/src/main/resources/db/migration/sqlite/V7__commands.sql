-- Commands (SPEC §7): operator actions travelling back to agents. Lifecycle pending → dispatched → completed |
-- failed | timeout; every transition is a conditional UPDATE (docs/commands.md). Timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS.ffffff'; UUIDs are text; JSON is text.
-- agent_id and issued_by keep no foreign key: a command stays in the trail after its agent or user is deleted.
CREATE TABLE commands (
    id              TEXT PRIMARY KEY,
    project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    agent_id        TEXT,
    issued_by       TEXT,
    issuer_type     TEXT NOT NULL,
    issuer_id       TEXT,
    action          TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 80),
    target_type     TEXT NOT NULL CHECK (length(target_type) BETWEEN 1 AND 40),
    target_id       TEXT CHECK (target_id IS NULL OR length(target_id) <= 200),
    payload         TEXT NOT NULL,
    idempotency_key TEXT CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 200),
    status          TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'dispatched', 'completed', 'failed', 'timeout')),
    result          TEXT,
    error           TEXT,
    issued_at       TEXT NOT NULL,
    dispatched_at   TEXT,
    acknowledged_at TEXT,
    completed_at    TEXT,
    timeout_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_commands_idempotency ON commands (project_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_commands_project ON commands (project_id, issued_at, id);
CREATE INDEX ix_commands_project_status ON commands (project_id, status, issued_at, id);
CREATE INDEX ix_commands_open ON commands (agent_id, status, issued_at) WHERE status IN ('pending', 'dispatched');
CREATE INDEX ix_commands_timeout ON commands (timeout_at) WHERE status IN ('pending', 'dispatched');
