-- Scale-out (SPEC §8): the brain replicas sharing this database, and which replica holds which agent's sessions.
-- SQLite runs one brain, which registers here too, so `z4j status` shows whether it runs.
-- Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS.ffffff'; UUIDs are text; booleans 0/1.

-- One row per running brain process, refreshed by its heartbeat every 10 s; a row 30 s old is a replica presumed
-- dead. A clean stop deletes its row; the leader forgets rows not seen for an hour. key_id is the public fingerprint
-- of the replica's Z4J_SECRET (audit rows carry the same).
CREATE TABLE cluster_replicas (
    id           TEXT PRIMARY KEY CHECK (length(id) = 16 AND id NOT GLOB '*[^0-9a-f]*'),
    host         TEXT NOT NULL,
    port         INTEGER NOT NULL,
    pid          INTEGER NOT NULL,
    version      TEXT NOT NULL,
    key_id       TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    leader       INTEGER NOT NULL DEFAULT 0 CHECK (leader IN (0, 1))
);

-- The agents with at least one live WebSocket session on a replica: where their commands are delivered.
CREATE TABLE agent_replicas (
    agent_id    TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    replica_id  TEXT NOT NULL REFERENCES cluster_replicas (id) ON DELETE CASCADE,
    attached_at TEXT NOT NULL,
    PRIMARY KEY (agent_id, replica_id)
);
CREATE INDEX ix_agent_replicas_replica ON agent_replicas (replica_id);

-- The notices replicas send each other that must not be lost. A single brain (SQLite) has no one to tell, so this
-- stays empty; it exists so that both databases hold the same tables.
CREATE TABLE cluster_notices (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    payload    TEXT NOT NULL CHECK (length(payload) <= 1000),
    created_at TEXT NOT NULL
);
CREATE INDEX ix_cluster_notices_created ON cluster_notices (created_at);
