-- The HMAC-chained audit log (SPEC §4, docs/audit.md, docs/audit-format.md).
-- seq is the chain position, assigned by the brain while it holds the append lock (pg_advisory_xact_lock): gap-free
-- from 1, never reused (no sequence). No foreign keys: every column is inside the row's HMAC, so a cascade from
-- another table would be the database rewriting signed history. prev_row_hmac is UNIQUE: two rows can never extend
-- the same row. source_ip is text, not inet: inet would re-render what was signed.
CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    id            UUID NOT NULL UNIQUE,
    occurred_at   TIMESTAMPTZ NOT NULL,
    actor_type    TEXT NOT NULL,
    actor_id      TEXT,
    project_id    UUID,
    action        TEXT NOT NULL,
    target_type   TEXT NOT NULL,
    target_id     TEXT,
    result        TEXT NOT NULL,
    source_ip     TEXT,
    user_agent    TEXT,
    metadata      JSONB NOT NULL,
    key_id        TEXT NOT NULL,
    prev_row_hmac TEXT NOT NULL,
    row_hmac      TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_audit_log_prev_row_hmac ON audit_log (prev_row_hmac);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_type, actor_id, occurred_at);
CREATE INDEX ix_audit_log_project ON audit_log (project_id, seq);
CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at);

-- Retention's permit: the prune transaction inserts the seq it prunes through, deletes, and removes the permit
-- before it commits, so no other session ever sees one.
CREATE TABLE audit_prune_window (
    through_seq BIGINT NOT NULL
);

-- Append-only by construction. These stop mistakes and casual edits; tampering by someone who disables them is
-- what the HMAC chain detects.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM audit_prune_window WHERE OLD.seq <= through_seq) THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed (rows are removed only by retention)', TG_OP;
END;
$$;

REVOKE ALL ON FUNCTION audit_log_append_only() FROM PUBLIC;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
