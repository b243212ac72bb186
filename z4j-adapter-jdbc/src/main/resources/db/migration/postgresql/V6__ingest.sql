-- Ingest (SPEC §6): what agents stream becomes tasks, workers and queues; the events themselves are kept for
-- Z4J_EVENT_RETENTION_DAYS.
-- Row ids are version 5 UUIDs of what identifies the row (docs/ingest.md), so duplicates collapse on the primary key.

-- One row per (project, engine, engine task id); id = uuid5 of those three.
-- state_tier / state_at / state_stage order the state: terminal (2) beats active (1) beats none (0); within a tier
-- the most recent event wins (never a future time), then the later lifecycle stage.
CREATE TABLE tasks (
    id             UUID PRIMARY KEY,
    project_id     UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine         TEXT NOT NULL,
    task_id        TEXT NOT NULL,
    name           TEXT,
    queue          TEXT,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'received', 'started', 'success',
                       'failure', 'retry', 'revoked', 'rejected', 'unknown')),
    state_tier     SMALLINT NOT NULL DEFAULT 0,
    state_at       TIMESTAMPTZ,
    state_stage    SMALLINT NOT NULL DEFAULT 0,
    priority       TEXT CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    args           JSONB,
    kwargs         JSONB,
    result         JSONB,
    exception      TEXT,
    traceback      TEXT,
    retry_count    INTEGER NOT NULL DEFAULT 0,
    eta            TIMESTAMPTZ,
    received_at    TIMESTAMPTZ,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    runtime_ms     BIGINT,
    worker_name    TEXT,
    parent_task_id TEXT,
    root_task_id   TEXT,
    tags           JSONB,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_event_at  TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_tasks_recent ON tasks (project_id, first_seen_at, id);
CREATE INDEX ix_tasks_state ON tasks (project_id, state, first_seen_at);
CREATE INDEX ix_tasks_finished ON tasks (project_id, finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX ix_tasks_root ON tasks (project_id, root_task_id) WHERE root_task_id IS NOT NULL;

-- The event log. agent_id has no foreign key: deleting an agent keeps the history it reported. The id begins with
-- the time the event occurred (milliseconds), so the table grows at one end and retention deletes a range of ids;
-- task_key (the first 64 bits of the task's id) finds a task's events with a small integer index.
CREATE TABLE events (
    id          UUID PRIMARY KEY,
    project_id  UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    agent_id    UUID NOT NULL,
    engine      TEXT NOT NULL,
    task_id     TEXT NOT NULL DEFAULT '',
    task_key    BIGINT,
    kind        TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    payload     JSONB NOT NULL
);
CREATE INDEX ix_events_task ON events (task_key) WHERE task_key IS NOT NULL;

-- Worker processes of the engines (Celery workers...), not to be confused with agent_workers (agent connections).
CREATE TABLE workers (
    id             UUID PRIMARY KEY,
    project_id     UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine         TEXT NOT NULL,
    name           TEXT NOT NULL,
    hostname       TEXT,
    pid            BIGINT,
    concurrency    BIGINT,
    queues         JSONB NOT NULL DEFAULT '[]',
    state          TEXT NOT NULL DEFAULT 'online' CHECK (state IN ('online', 'offline')),
    last_heartbeat TIMESTAMPTZ NOT NULL,
    load_average   JSONB,
    active_tasks   BIGINT,
    metadata       JSONB NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_workers_project ON workers (project_id, last_heartbeat);

CREATE TABLE queues (
    id            UUID PRIMARY KEY,
    project_id    UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine        TEXT NOT NULL,
    name          TEXT NOT NULL,
    pending_count BIGINT,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_queues_project ON queues (project_id, name);

-- agent_status frames: the agents' own view of their health, kept like events.
CREATE TABLE agent_status_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    agent_id    UUID NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    captured_at TIMESTAMPTZ NOT NULL,
    payload     JSONB NOT NULL
);
CREATE INDEX ix_agent_status_agent ON agent_status_history (agent_id, captured_at);
CREATE INDEX ix_agent_status_age ON agent_status_history (captured_at);
