-- How far each audit forwarding sink got in each hash chain: forwarding follows chain order, which per
-- source is commit order, so no event is skipped however transactions of different sources interleave.
CREATE TABLE audit_forward_position (
    sink       TEXT        NOT NULL,
    source     TEXT        NOT NULL,
    last_seq   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sink, source)
);
