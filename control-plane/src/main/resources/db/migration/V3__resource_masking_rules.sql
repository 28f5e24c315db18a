-- Response masking rules of a resource beyond masked_fields: field, path, detector and regex rules
-- with their actions, as a JSON array in declared order (see MaskingRuleDefinition).
ALTER TABLE resource ADD COLUMN masking_rules JSONB NOT NULL DEFAULT '[]'::jsonb;
