-- Issue 7: break-glass calls with their mandatory review, and the outbox that ships every transition to the
-- control plane's audit trail.
ALTER TABLE approval DROP CONSTRAINT approval_state_check;
ALTER TABLE approval ADD CONSTRAINT approval_state_check
    CHECK (state IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'CANCELLED', 'CONSUMED', 'BREAK_GLASS'));
ALTER TABLE approval ADD COLUMN review_state   VARCHAR(8)
    CONSTRAINT approval_review_state_check CHECK (review_state IN ('OPEN', 'CLOSED'));
ALTER TABLE approval ADD COLUMN reviewed_by    TEXT;
ALTER TABLE approval ADD COLUMN review_verdict VARCHAR(16)
    CONSTRAINT approval_review_verdict_check CHECK (review_verdict IN ('APPROVE', 'DENY'));
ALTER TABLE approval ADD COLUMN review_reason  TEXT;
ALTER TABLE approval ADD COLUMN reviewed_at    TIMESTAMPTZ;
ALTER TABLE approval ADD CONSTRAINT approval_break_glass_review_check
    CHECK ((state = 'BREAK_GLASS') = (review_state IS NOT NULL));
CREATE INDEX approval_open_review_idx ON approval (created_at) WHERE review_state = 'OPEN';

-- Audit events not yet acknowledged by the control plane, written in the transaction of the transition they
-- describe; a row is deleted once the control plane has acknowledged it (at-least-once; it dedups by event_id).
CREATE TABLE audit_outbox (
    id         BIGSERIAL   PRIMARY KEY,
    event_id   UUID        NOT NULL UNIQUE,
    event      BYTEA       NOT NULL, -- a serialized gatehouse.audit.v1.AuditEvent
    created_at TIMESTAMPTZ NOT NULL
);

-- Slack messages posted with the bot token (chat.postMessage), so that they can be updated (chat.update).
CREATE TABLE slack_message (
    approval_id VARCHAR(36) PRIMARY KEY REFERENCES approval (id),
    channel     TEXT        NOT NULL,
    ts          TEXT        NOT NULL
);
