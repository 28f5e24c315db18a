-- Issue 7: CANCELLED state, owning-team exclusion, per-approver decisions (quorum) and a history of transitions.
ALTER TABLE approval DROP CONSTRAINT approval_state_check;
ALTER TABLE approval ADD CONSTRAINT approval_state_check
    CHECK (state IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'CANCELLED', 'CONSUMED'));
ALTER TABLE approval ADD COLUMN owner_team TEXT;
ALTER TABLE approval ADD COLUMN owner_team_may_approve BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per approver and approval: the same person counts once towards the quorum.
CREATE TABLE approval_decision (
    id          BIGSERIAL    PRIMARY KEY,
    approval_id VARCHAR(36)  NOT NULL REFERENCES approval (id),
    approver    TEXT         NOT NULL,
    decision    VARCHAR(16)  NOT NULL CONSTRAINT approval_decision_check CHECK (decision IN ('APPROVE', 'DENY')),
    reason      TEXT,
    decided_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT approval_decision_once UNIQUE (approval_id, approver)
);

-- Append-only history: every transition and every vote, with who, when and why.
CREATE TABLE approval_event (
    id          BIGSERIAL    PRIMARY KEY,
    approval_id VARCHAR(36)  NOT NULL REFERENCES approval (id),
    type        VARCHAR(32)  NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    actor       TEXT         NOT NULL,
    reason      TEXT,
    at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX approval_event_approval_idx ON approval_event (approval_id, id);
