-- Ingest (SPEC §6): what agents stream becomes tasks, workers and queues; the events themselves are kept for
-- Z4J_EVENT_RETENTION_DAYS. Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS.ffffff'; UUIDs are text; JSON is text.
-- Row ids are version 5 UUIDs of what identifies the row (docs/ingest.md), so duplicates collapse on the primary key.

-- One row per (project, engine, engine task id); id = uuid5 of those three.
-- state_tier / state_at / state_stage order the state: terminal (2) beats active (1) beats none (0); within a tier
-- the most recent event wins (never a future time), then the later lifecycle stage.
CREATE TABLE tasks (
    id             TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine         TEXT NOT NULL,
    task_id        TEXT NOT NULL,
    name           TEXT,
    queue          TEXT,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'received', 'started', 'success',
                       'failure', 'retry', 'revoked', 'rejected', 'unknown')),
    state_tier     INTEGER NOT NULL DEFAULT 0,
    state_at       TEXT,
    state_stage    INTEGER NOT NULL DEFAULT 0,
    priority       TEXT CHECK (priority IN ('critical', 'high', 'normal', 'low')),
    args           TEXT,
    kwargs         TEXT,
    result         TEXT,
    exception      TEXT,
    traceback      TEXT,
    retry_count    INTEGER NOT NULL DEFAULT 0,
    eta            TEXT,
    received_at    TEXT,
    started_at     TEXT,
    finished_at    TEXT,
    runtime_ms     INTEGER,
    worker_name    TEXT,
    parent_task_id TEXT,
    root_task_id   TEXT,
    tags           TEXT,
    first_seen_at  TEXT NOT NULL,
    last_event_at  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX ix_tasks_recent ON tasks (project_id, first_seen_at, id);
CREATE INDEX ix_tasks_state ON tasks (project_id, state, first_seen_at);
CREATE INDEX ix_tasks_finished ON tasks (project_id, finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX ix_tasks_root ON tasks (project_id, root_task_id) WHERE root_task_id IS NOT NULL;

-- The event log. agent_id has no foreign key: deleting an agent keeps the history it reported. The id begins with
-- the time the event occurred (milliseconds), so the table grows at one end and retention deletes a range of ids;
-- task_key (the first 64 bits of the task's id) finds a task's events with a small integer index.
CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    agent_id    TEXT NOT NULL,
    engine      TEXT NOT NULL,
    task_id     TEXT NOT NULL DEFAULT '',
    task_key    INTEGER,
    kind        TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload     TEXT NOT NULL
);
CREATE INDEX ix_events_task ON events (task_key) WHERE task_key IS NOT NULL;

-- Worker processes of the engines (Celery workers...), not to be confused with agent_workers (agent connections).
CREATE TABLE workers (
    id             TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine         TEXT NOT NULL,
    name           TEXT NOT NULL,
    hostname       TEXT,
    pid            INTEGER,
    concurrency    INTEGER,
    queues         TEXT NOT NULL DEFAULT '[]',
    state          TEXT NOT NULL DEFAULT 'online' CHECK (state IN ('online', 'offline')),
    last_heartbeat TEXT NOT NULL,
    load_average   TEXT,
    active_tasks   INTEGER,
    metadata       TEXT NOT NULL DEFAULT '{}',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX ix_workers_project ON workers (project_id, last_heartbeat);

CREATE TABLE queues (
    id            TEXT PRIMARY KEY,
    project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine        TEXT NOT NULL,
    name          TEXT NOT NULL,
    pending_count INTEGER,
    last_seen_at  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX ix_queues_project ON queues (project_id, name);

-- agent_status frames: the agents' own view of their health, kept like events.
CREATE TABLE agent_status_history (
    id          INTEGER PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    agent_id    TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    captured_at TEXT NOT NULL,
    payload     TEXT NOT NULL
);
CREATE INDEX ix_agent_status_agent ON agent_status_history (agent_id, captured_at);
CREATE INDEX ix_agent_status_age ON agent_status_history (captured_at);
