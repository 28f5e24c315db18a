-- The audit store partitioned by event time, one partition per calendar month (UTC), so that retention drops whole
-- months (DROP TABLE, never row-by-row deletes) and time-bounded searches read only the months they cover.
-- Monthly rather than daily: a retention window of a year or more keeps 13+ partitions, not 400, so the queries that
-- read across all of them (a chain in sequence order, the newest events by id) stay a merge of a few index scans.
--
-- A partitioned table's unique indexes must contain the partition key: an event id is unique together with its event
-- time. A data plane sends an event again with the same event time (it comes from its spool), so a redelivery still
-- hits that key and is ignored; the writer also skips ids already stored before chaining.
--
-- Rows whose month has no partition (far past, far future) land in audit_event_default; the control plane's audit
-- maintenance job creates the partitions ahead of time and moves such rows into their month's partition
-- (audit_event_create_partition).

ALTER TABLE audit_event RENAME TO audit_event_unpartitioned;
ALTER SEQUENCE audit_event_id_seq OWNED BY NONE;

CREATE TABLE audit_event (LIKE audit_event_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (event_time);
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;

-- Creates the partition of the month starting at month_start (UTC) unless it exists; rows of that month waiting in
-- the default partition are moved into it. Answers whether it created the partition.
CREATE FUNCTION audit_event_create_partition(month_start DATE) RETURNS BOOLEAN
    LANGUAGE plpgsql AS
$$
DECLARE
    first_day DATE := date_trunc('month', month_start)::date;
    name      TEXT := 'audit_event_' || to_char(first_day, 'YYYY_MM');
    lower     TIMESTAMPTZ := first_day::timestamp AT TIME ZONE 'UTC';
    upper     TIMESTAMPTZ := (first_day + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC';
    waiting   audit_event_default[];
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    -- the default partition may hold none of the new partition's rows when it is created: move them out first
    -- (the only delete the append-only trigger lets through, inside this transaction's exclusive lock)
    LOCK TABLE audit_event_default IN ACCESS EXCLUSIVE MODE;
    SELECT array_agg(waiting_row) INTO waiting
    FROM audit_event_default waiting_row WHERE event_time >= lower AND event_time < upper;
    IF waiting IS NOT NULL THEN
        ALTER TABLE audit_event_default DISABLE TRIGGER audit_event_append_only;
        DELETE FROM audit_event_default WHERE event_time >= lower AND event_time < upper;
        ALTER TABLE audit_event_default ENABLE TRIGGER audit_event_append_only;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)', name, lower, upper);
    IF waiting IS NOT NULL THEN
        INSERT INTO audit_event SELECT * FROM unnest(waiting);
        RAISE NOTICE 'moved % audit events from audit_event_default into %', cardinality(waiting), name;
    END IF;
    RETURN TRUE;
END;
$$;

-- the same append-only guarantee, now cloned to every partition (those created later included)
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- one partition per month that already holds events, up to the month after next; anything else goes to the default
SELECT audit_event_create_partition(month::date)
FROM (SELECT DISTINCT date_trunc('month', event_time AT TIME ZONE 'UTC') AS month FROM audit_event_unpartitioned
      UNION
      SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + step * INTERVAL '1 month' FROM generate_series(0, 2) AS step)
         AS months
WHERE month <= date_trunc('month', now() AT TIME ZONE 'UTC') + INTERVAL '2 months'
ORDER BY month;

INSERT INTO audit_event SELECT * FROM audit_event_unpartitioned;
DROP TABLE audit_event_unpartitioned;
ALTER SEQUENCE audit_event_id_seq OWNED BY audit_event.id;

-- the indexes, built once the rows are in (created on the parent, so every partition gets them)
ALTER TABLE audit_event ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id, event_time);
ALTER TABLE audit_event ADD CONSTRAINT audit_event_event_id_key UNIQUE (event_id, event_time);
CREATE INDEX audit_event_request_id_idx ON audit_event (request_id);
CREATE INDEX audit_event_identity_time_idx ON audit_event (identity, event_time);
CREATE INDEX audit_event_time_idx ON audit_event (event_time);
CREATE INDEX audit_event_kind_time_idx ON audit_event (kind, event_time);
CREATE INDEX audit_event_chain_idx ON audit_event (chain_source, chain_seq);

-- What retention dropped of each hash chain: one row per run of consecutive events of a chain in a dropped partition,
-- with the hash of the run's last event, signed by the control plane (like the checkpoints). The verifier accepts a
-- missing run only when a signed cut names it, and the next retained event must link to the cut's hash; any other
-- missing event is still reported as deleted.
CREATE TABLE audit_retention_cut (
    id             BIGSERIAL PRIMARY KEY,
    partition_name TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    first_seq      BIGINT      NOT NULL,
    last_seq       BIGINT      NOT NULL,
    events         BIGINT      NOT NULL,
    last_hash      BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    kid            TEXT        NOT NULL,
    signature      BYTEA       NOT NULL,
    CONSTRAINT audit_retention_cut_run_check CHECK (first_seq >= 1 AND last_seq >= first_seq
        AND events = last_seq - first_seq + 1)
);
CREATE INDEX audit_retention_cut_source_idx ON audit_retention_cut (source, first_seq);

CREATE TRIGGER audit_retention_cut_append_only
    BEFORE UPDATE OR DELETE ON audit_retention_cut
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
