-- The HMAC-chained audit log (SPEC §4, docs/audit.md, docs/audit-format.md).
-- seq is the chain position, assigned by the brain while it holds the append lock: gap-free from 1, never reused
-- (not AUTOINCREMENT). No foreign keys: every column is inside the row's HMAC, so a cascade from another table would
-- be the database rewriting signed history. prev_row_hmac is UNIQUE: two rows can never extend the same row.
CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    occurred_at   TEXT NOT NULL,
    actor_type    TEXT NOT NULL,
    actor_id      TEXT,
    project_id    TEXT,
    action        TEXT NOT NULL,
    target_type   TEXT NOT NULL,
    target_id     TEXT,
    result        TEXT NOT NULL,
    source_ip     TEXT,
    user_agent    TEXT,
    metadata      TEXT NOT NULL,
    key_id        TEXT NOT NULL,
    prev_row_hmac TEXT NOT NULL,
    row_hmac      TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_audit_log_prev_row_hmac ON audit_log (prev_row_hmac);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_type, actor_id, occurred_at);
CREATE INDEX ix_audit_log_project ON audit_log (project_id, seq);
CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at);

-- Retention's permit: the prune transaction inserts the seq it prunes through, deletes, and removes the permit
-- before it commits, so no other connection ever sees one.
CREATE TABLE audit_prune_window (
    through_seq INTEGER NOT NULL
);

-- Append-only by construction. These stop mistakes and casual edits; tampering by someone who drops them is what
-- the HMAC chain detects.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_prune_window WHERE OLD.seq <= through_seq)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows are removed only by retention');
END;
