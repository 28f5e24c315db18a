-- Signed identity assertions for upstreams: which resources want one, and the public keys data planes sign them with.

ALTER TABLE resource
    ADD COLUMN assertion_header text,
    ADD COLUMN assertion_audience text,
    ADD CONSTRAINT resource_assertion_complete CHECK ((assertion_header IS NULL) = (assertion_audience IS NULL));

-- One row per data-plane process: the key is made at start-up and lives in that process's memory only.
-- Published in the assertion JWK Set while last_seen_at is within the retention window.
CREATE TABLE assertion_key (
    kid           text PRIMARY KEY,
    node_id       text        NOT NULL,
    public_key    bytea       NOT NULL,
    registered_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);
CREATE INDEX assertion_key_last_seen_idx ON assertion_key (last_seen_at);
