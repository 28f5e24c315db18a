-- What the audit record of a call through a resource holds (level metadata, headers or bodies; the header
-- allow-list; the per-direction body cap) and whether its calls go on while a data plane's audit spool is full.
ALTER TABLE resource ADD COLUMN recording_level TEXT NOT NULL DEFAULT 'METADATA'
    CHECK (recording_level IN ('METADATA', 'HEADERS', 'BODIES'));
ALTER TABLE resource ADD COLUMN recording_headers JSONB NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE resource ADD COLUMN recording_body_bytes INTEGER NOT NULL DEFAULT 4096
    CHECK (recording_body_bytes BETWEEN 1 AND 65536);
ALTER TABLE resource ADD COLUMN recording_when_spool_full TEXT NOT NULL DEFAULT 'REFUSE'
    CHECK (recording_when_spool_full IN ('REFUSE', 'BEST_EFFORT'));

-- What a data plane recorded of a call beyond its metadata: the redacted query, the recording level, the
-- allow-listed headers, the beginnings of the bodies (the response body as masked for the caller) and whether the
-- call went on without its start record (best-effort). NULL for events that recorded none of it.
ALTER TABLE audit_event ADD COLUMN recording JSONB;
