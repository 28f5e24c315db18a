-- Per-identity rate limits enforced by every data plane (a token bucket per replica): `requests` per
-- `period`, with bursts of up to `burst`. NULL: no limit.
ALTER TABLE identity ADD COLUMN rate_limit_requests INTEGER;
ALTER TABLE identity ADD COLUMN rate_limit_period_ms BIGINT;
ALTER TABLE identity ADD COLUMN rate_limit_burst INTEGER;
ALTER TABLE identity ADD CONSTRAINT identity_rate_limit_check CHECK (
    (rate_limit_requests IS NULL AND rate_limit_period_ms IS NULL AND rate_limit_burst IS NULL)
    OR (rate_limit_requests > 0 AND rate_limit_period_ms > 0 AND rate_limit_burst > 0));
