-- Usage evidence (operation_usage) and identities' last use are counted from the stored audit events by a rollup
-- that follows each hash chain in sequence order (per source, commit order), no longer inside every ingestion
-- transaction. How far the rollup got in each chain; counters and position move in one transaction.
CREATE TABLE usage_rollup_position (
    source     TEXT        PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- everything stored before this migration was counted when it was ingested
INSERT INTO usage_rollup_position (source, last_seq) SELECT source, last_seq FROM audit_chain_head;
