-- Where the vault broker finds each resource's credential, and which data-plane pools may receive it.
ALTER TABLE resource
    ADD COLUMN credential_source JSONB NOT NULL DEFAULT '{"kind": "STATIC_STORE"}'::jsonb,
    ADD COLUMN data_plane_pools  JSONB NOT NULL DEFAULT '["default"]'::jsonb,
    ADD CONSTRAINT resource_data_plane_pools_check CHECK (jsonb_typeof(data_plane_pools) = 'array'
        AND jsonb_array_length(data_plane_pools) > 0);

-- Events that are not calls (approval transitions, refused credential requests) share the store.
ALTER TABLE audit_event
    ADD COLUMN kind  TEXT NOT NULL DEFAULT 'call',
    ADD COLUMN actor TEXT;
CREATE INDEX audit_event_kind_time_idx ON audit_event (kind, event_time);

-- The key the control plane signs node tokens with. The newest key signs; older keys stay published
-- in the JWKS until every token they signed has expired.
CREATE TABLE signing_key (
    kid         TEXT PRIMARY KEY,
    algorithm   TEXT        NOT NULL,
    private_key BYTEA       NOT NULL,
    public_key  BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
