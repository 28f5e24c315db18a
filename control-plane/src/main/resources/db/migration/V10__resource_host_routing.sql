-- Resources may be routed by host as well as by path prefix: '' means any host. A (host, prefix) pair is
-- unique, so two resources may share a prefix on different hosts.
ALTER TABLE resource ADD COLUMN host TEXT NOT NULL DEFAULT '';
ALTER TABLE resource DROP CONSTRAINT resource_path_prefix_key;
ALTER TABLE resource ADD CONSTRAINT resource_host_path_prefix_key UNIQUE (host, path_prefix) DEFERRABLE INITIALLY DEFERRED;
