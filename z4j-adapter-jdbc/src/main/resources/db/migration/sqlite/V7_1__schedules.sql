-- Schedules (SPEC §7): periodic schedules as the agents' schedulers report them (schedule.snapshot / created /
-- updated / deleted events). id = uuid5 of (project, scheduler, name). reported_at orders reports: an older report
-- never overwrites a newer one. args / kwargs are redacted and bounded like task arguments.
CREATE TABLE schedules (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    engine      TEXT NOT NULL CHECK (length(engine) BETWEEN 1 AND 40),
    scheduler   TEXT NOT NULL CHECK (length(scheduler) BETWEEN 1 AND 40),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    task_name   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    expression  TEXT NOT NULL,
    timezone    TEXT NOT NULL,
    queue       TEXT,
    args        TEXT NOT NULL DEFAULT '[]',
    kwargs      TEXT NOT NULL DEFAULT '{}',
    is_enabled  INTEGER NOT NULL,
    last_run_at TEXT,
    next_run_at TEXT,
    total_runs  INTEGER NOT NULL DEFAULT 0,
    external_id TEXT,
    reported_at TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (project_id, scheduler, name)
);
