-- Usage evidence for access reviews: which operations each identity actually calls.
-- The route is the path pattern of the grant that allowed a call (the operation it counts as); the data plane
-- sends it with each call's audit event.
ALTER TABLE audit_event ADD COLUMN route text;

-- Calls per identity, operation and UTC day, maintained with each stored audit batch (never by scanning
-- audit_event). Only newly stored events count, so a redelivered batch does not count twice.
-- resource is '' for a call that reached no resource, route '' for a call no grant allowed.
CREATE TABLE operation_usage (
    identity          text        NOT NULL,
    resource          text        NOT NULL,
    method            text        NOT NULL,
    route             text        NOT NULL,
    day               date        NOT NULL,
    calls             bigint      NOT NULL,
    allowed           bigint      NOT NULL,
    denied            bigint      NOT NULL,
    held_for_approval bigint      NOT NULL,
    approved          bigint      NOT NULL,
    masked_values     bigint      NOT NULL,
    first_seen        timestamptz NOT NULL,
    last_seen         timestamptz NOT NULL,
    PRIMARY KEY (identity, day, resource, method, route)
);

CREATE INDEX operation_usage_day_idx ON operation_usage (day);
