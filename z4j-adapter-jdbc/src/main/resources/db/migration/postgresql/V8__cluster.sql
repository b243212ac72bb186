-- Scale-out (SPEC §8): the brain replicas sharing this database, and which replica holds which agent's sessions.

-- One row per running brain process, refreshed by its heartbeat every 10 s; a row 30 s old is a replica presumed
-- dead. A clean stop deletes its row; the leader forgets rows not seen for an hour. key_id is the public fingerprint
-- of the replica's Z4J_SECRET (audit rows carry the same): a replica whose secret differs refuses to start.
CREATE TABLE cluster_replicas (
    id           TEXT PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
    host         TEXT NOT NULL,
    port         INTEGER NOT NULL,
    pid          BIGINT NOT NULL,
    version      TEXT NOT NULL,
    key_id       TEXT NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    leader       BOOLEAN NOT NULL DEFAULT FALSE
);

-- The agents with at least one live WebSocket session on a replica: where their commands are delivered. Rows of a
-- replica presumed dead do not count, and go with its cluster_replicas row.
CREATE TABLE agent_replicas (
    agent_id    UUID NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    replica_id  TEXT NOT NULL REFERENCES cluster_replicas (id) ON DELETE CASCADE,
    attached_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agent_id, replica_id)
);
CREATE INDEX ix_agent_replicas_replica ON agent_replicas (replica_id);

-- The notices replicas send each other over LISTEN/NOTIFY that must not be lost (sessions ended, commands waiting):
-- NOTIFY only wakes the listeners; a replica whose listening connection dropped reads what it missed here when it
-- reconnects. Holds no secret. The leader deletes rows older than an hour.
CREATE TABLE cluster_notices (
    id         BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    payload    TEXT NOT NULL CHECK (length(payload) <= 1000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_cluster_notices_created ON cluster_notices (created_at);
