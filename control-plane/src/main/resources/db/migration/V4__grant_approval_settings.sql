-- Issue 7: per-grant approval settings. Durations in milliseconds; NULL means the data plane's default.
ALTER TABLE access_grant ADD COLUMN approval_hold_time_ms  BIGINT;
ALTER TABLE access_grant ADD COLUMN approval_validity_ms   BIGINT;
ALTER TABLE access_grant ADD COLUMN owner_team_may_approve BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE access_grant ADD COLUMN break_glass            BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE access_grant ADD CONSTRAINT access_grant_approval_settings_check CHECK (
    (approval_hold_time_ms IS NULL OR approval_hold_time_ms > 0)
    AND (approval_validity_ms IS NULL OR approval_validity_ms > 0)
    AND (approval_required OR (approval_hold_time_ms IS NULL AND approval_validity_ms IS NULL
                               AND NOT owner_team_may_approve AND NOT break_glass)));
