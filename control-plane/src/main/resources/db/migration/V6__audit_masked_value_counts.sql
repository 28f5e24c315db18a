-- How many values each masking rule masked in a response (rule name to count), never the values.
ALTER TABLE audit_event ADD COLUMN masked_values JSONB NOT NULL DEFAULT '{}'::jsonb;
