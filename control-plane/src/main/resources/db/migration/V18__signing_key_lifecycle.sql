-- Signing keys get a lifecycle so that they rotate without downtime:
--   next     published (JWKS, snapshots) but not yet signing, so verifiers know it before it is used
--   current  signs new tokens, snapshots, audit checkpoints and retention cuts (exactly one)
--   retired  no longer signs; still published until everything it signed has expired
--   archived no longer published; its public half stays to verify historical audit checkpoints and
--            retention cuts, its private half is erased
ALTER TABLE signing_key
    ADD COLUMN state        TEXT NOT NULL DEFAULT 'current',
    ADD COLUMN activated_at TIMESTAMPTZ,
    ADD COLUMN retired_at   TIMESTAMPTZ,
    ADD COLUMN archived_at  TIMESTAMPTZ,
    ALTER COLUMN private_key DROP NOT NULL,
    ADD CONSTRAINT signing_key_state_known CHECK (state IN ('next', 'current', 'retired', 'archived')),
    ADD CONSTRAINT signing_key_archived_has_no_private_key CHECK (state <> 'archived' OR private_key IS NULL);

-- Before this migration the newest key signed and the older ones stayed published.
UPDATE signing_key SET activated_at = created_at;
UPDATE signing_key SET state = 'retired', retired_at = now()
    WHERE kid <> (SELECT kid FROM signing_key ORDER BY created_at DESC, kid LIMIT 1);

-- At most one key signs and at most one waits to sign.
CREATE UNIQUE INDEX signing_key_one_per_active_state ON signing_key (state) WHERE state IN ('next', 'current');
