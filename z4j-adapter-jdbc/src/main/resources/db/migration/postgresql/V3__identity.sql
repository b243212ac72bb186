-- Identity and access: users, projects, memberships, sessions, login throttling (SPEC §3).

-- A person who signs in. The email is the identity for audit purposes: stored canonical (the service lower-cases
-- it), unique regardless of case (even for rows written by hand), and never renamed.
CREATE TABLE users (
    id                  UUID PRIMARY KEY,
    email               TEXT NOT NULL CHECK (email LIKE '%_@_%'),
    display_name        TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    is_owner            BOOLEAN NOT NULL DEFAULT FALSE,
    is_active           BOOLEAN NOT NULL DEFAULT TRUE,
    password_changed_at TIMESTAMPTZ NOT NULL,
    last_login_at       TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ux_users_email ON users (lower(email));
CREATE INDEX ix_users_owner ON users (is_owner, is_active);

-- A tenant: agents, tasks, schedules and commands belong to exactly one project. Archived projects keep their
-- history and are invisible to everyone (is_active = false).
CREATE TABLE projects (
    id             UUID PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$'),
    name           TEXT NOT NULL,
    description    TEXT,
    environment    TEXT NOT NULL DEFAULT 'production',
    timezone       TEXT NOT NULL DEFAULT 'UTC',
    retention_days INTEGER NOT NULL DEFAULT 30 CHECK (retention_days BETWEEN 1 AND 3650),
    is_active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- A user's role in a project: viewer < operator < admin. Owners need no membership.
CREATE TABLE memberships (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (user_id, project_id)
);
CREATE INDEX ix_memberships_project ON memberships (project_id, role);

-- Server-side sessions. The cookie carries a random token; only its keyed hash is stored here. The CSRF token is
-- the value the browser must echo in X-CSRF-Token.
CREATE TABLE sessions (
    id                  UUID PRIMARY KEY,
    user_id             UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash          TEXT NOT NULL UNIQUE,
    csrf_token          TEXT NOT NULL,
    issued_at           TIMESTAMPTZ NOT NULL,
    expires_at          TIMESTAMPTZ NOT NULL,
    last_seen_at        TIMESTAMPTZ NOT NULL,
    revoked_at          TIMESTAMPTZ,
    revocation_reason   TEXT,
    ip_at_issue         TEXT NOT NULL,
    user_agent_at_issue TEXT
);
CREATE INDEX ix_sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX ix_sessions_expires ON sessions (expires_at);

-- Failed sign-in counters per client IP and per account (keyed hash of the canonical email, so an unknown address
-- is throttled exactly like a known one), and the lock they trigger.
CREATE TABLE login_attempts (
    scope            TEXT NOT NULL,
    subject          TEXT NOT NULL,
    failures         INTEGER NOT NULL,
    first_failure_at TIMESTAMPTZ NOT NULL,
    last_failure_at  TIMESTAMPTZ NOT NULL,
    locked_until     TIMESTAMPTZ,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX ix_login_attempts_last ON login_attempts (last_failure_at);
