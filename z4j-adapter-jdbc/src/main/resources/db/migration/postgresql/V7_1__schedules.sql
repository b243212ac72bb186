-- Schedules (SPEC §7): periodic schedules as the agents' schedulers report them (schedule.snapshot / created /
-- updated / deleted events). id = uuid5 of (project, scheduler, name). reported_at orders reports: an older report
-- never overwrites a newer one. args / kwargs are redacted and bounded like task arguments.
CREATE TABLE schedules (
    id          UUID PRIMARY KEY,
    project_id  UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine      TEXT NOT NULL CHECK (char_length(engine) BETWEEN 1 AND 40),
    scheduler   TEXT NOT NULL CHECK (char_length(scheduler) BETWEEN 1 AND 40),
    name        TEXT NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    task_name   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    expression  TEXT NOT NULL,
    timezone    TEXT NOT NULL,
    queue       TEXT,
    args        JSONB NOT NULL DEFAULT '[]',
    kwargs      JSONB NOT NULL DEFAULT '{}',
    is_enabled  BOOLEAN NOT NULL,
    last_run_at TIMESTAMPTZ,
    next_run_at TIMESTAMPTZ,
    total_runs  BIGINT NOT NULL DEFAULT 0,
    external_id TEXT,
    reported_at TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, scheduler, name)
);
