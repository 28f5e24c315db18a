-- One row per approval request: a human decision bound to one exact call (identity + request digest).
CREATE TABLE approval (
    id             VARCHAR(36)  PRIMARY KEY,
    state          VARCHAR(16)  NOT NULL
        CONSTRAINT approval_state_check CHECK (state IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'CONSUMED')),
    identity       TEXT         NOT NULL,
    resource       TEXT         NOT NULL,
    method         TEXT,
    path           TEXT,
    request_digest VARCHAR(128) NOT NULL,
    justification  TEXT,
    approver_group TEXT,
    quorum         INTEGER      NOT NULL DEFAULT 1,
    data_plane_id  TEXT,
    request_id     TEXT,
    created_at     TIMESTAMPTZ  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    decided_by     TEXT,
    decided_at     TIMESTAMPTZ,
    reason         TEXT,
    consumed_at    TIMESTAMPTZ
);

-- RequestApproval looks up the open approval for the same call.
CREATE INDEX approval_identity_digest_idx ON approval (identity, request_digest);
-- Approvers list pending approvals.
CREATE INDEX approval_state_created_idx ON approval (state, created_at);
