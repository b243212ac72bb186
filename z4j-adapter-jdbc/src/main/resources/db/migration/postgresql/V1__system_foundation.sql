-- Brain bookkeeping (installed_at, last backup, last audit verification, ...) as key/value rows.
CREATE TABLE z4j_meta (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- First-boot setup token: only a keyed hash is stored; single use, expiring.
CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
