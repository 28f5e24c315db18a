-- Trust bindings: claim matchers (exact, glob, regex, oneOf) on possibly nested claims instead of a
-- map of exact top-level claim values, and the force flag.
--
-- claim_matchers is a JSON list of {"claim": <path>, <kind>: <value>} with kind one of exact, glob,
-- regex (strings) or oneOf (list of strings). A claim path separates nesting levels with '/' and
-- escapes '~' and '/' inside a name as '~0' and '~1' (RFC 6901), so each existing top-level claim
-- name is escaped here and keeps meaning the same top-level claim.

ALTER TABLE oidc_trust_binding ADD COLUMN claim_matchers JSONB;
ALTER TABLE oidc_trust_binding ADD COLUMN forced BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE oidc_trust_binding
SET claim_matchers = (
    SELECT jsonb_agg(jsonb_build_object('claim', replace(replace(claim.key, '~', '~0'), '/', '~1'),
                                        'exact', claim.value)
                     ORDER BY claim.key)
    FROM jsonb_each_text(required_claims) AS claim);

ALTER TABLE oidc_trust_binding ALTER COLUMN claim_matchers SET NOT NULL;
ALTER TABLE oidc_trust_binding DROP CONSTRAINT oidc_trust_binding_claims_check;
ALTER TABLE oidc_trust_binding DROP COLUMN required_claims;

-- a binding without claim constraints would trust every token of the issuer, force or not
ALTER TABLE oidc_trust_binding ADD CONSTRAINT oidc_trust_binding_claim_matchers_check
    CHECK (jsonb_typeof(claim_matchers) = 'array' AND jsonb_array_length(claim_matchers) > 0);
