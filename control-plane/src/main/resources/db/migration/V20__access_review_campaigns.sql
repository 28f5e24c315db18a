-- Access-review campaigns: a scope of identities, reviewers, a due date, and one item per identity with the
-- evidence captured when the campaign started (owner, grants, usage in the window) and the reviewer's decision.
-- reviewers and evidence are JSON documents written and read by the control plane.
CREATE TABLE review_campaign (
    id             text        PRIMARY KEY,
    name           text        NOT NULL,
    scope          text        NOT NULL,
    reviewers      text        NOT NULL,
    window_since   timestamptz NOT NULL,
    window_until   timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    closed_at      timestamptz,
    closed_by      text,
    -- the signed report (compact JWS whose payload is the report JSON), set when the campaign closes
    report         text,
    reminded_at    timestamptz,
    escalated_at   timestamptz
);

CREATE TABLE review_item (
    id          text        PRIMARY KEY,
    campaign_id text        NOT NULL REFERENCES review_campaign (id),
    identity    text        NOT NULL,
    owner_team  text        NOT NULL,
    evidence    text        NOT NULL,
    decision    text,
    comment     text,
    new_expiry  timestamptz,
    decided_by  text,
    decided_at  timestamptz,
    -- what applying the decision changed in the policy, or why it could not
    applied     text,
    CONSTRAINT review_item_once_per_campaign UNIQUE (campaign_id, identity)
);

CREATE INDEX review_item_campaign_idx ON review_item (campaign_id);
CREATE INDEX review_campaign_open_idx ON review_campaign (due_at) WHERE closed_at IS NULL;
