-- Tamper evidence: every stored event is chained to the one before it from the same source (a data
-- plane, the approval service, the vault broker): hash = SHA-256(previous hash || the event's canonical
-- bytes). Signed checkpoints fix the head of each chain at intervals, so that cutting the newest events
-- is detected too. Events stored before this migration carry no chain.
ALTER TABLE audit_event
    ADD COLUMN chain_source TEXT,
    ADD COLUMN chain_seq    BIGINT,
    ADD COLUMN prev_hash    BYTEA,
    ADD COLUMN hash         BYTEA;
CREATE UNIQUE INDEX audit_event_chain_idx ON audit_event (chain_source, chain_seq);

CREATE TABLE audit_chain_head (
    source     TEXT PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE audit_checkpoint (
    id         BIGSERIAL PRIMARY KEY,
    source     TEXT        NOT NULL,
    seq        BIGINT      NOT NULL,
    hash       BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    kid        TEXT        NOT NULL,
    signature  BYTEA       NOT NULL
);
CREATE INDEX audit_checkpoint_source_idx ON audit_checkpoint (source, seq);

CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
