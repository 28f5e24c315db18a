-- Two more injection styles: a query parameter (its name in injection_parameter) and OAuth2 client
-- credentials (the token endpoint settings in injection_oauth2, never a secret). The check also admits
-- BASIC, which the first version of it left out.
ALTER TABLE resource ADD COLUMN injection_parameter TEXT;
ALTER TABLE resource ADD COLUMN injection_oauth2 JSONB;
ALTER TABLE resource DROP CONSTRAINT resource_injection_check;
ALTER TABLE resource ADD CONSTRAINT resource_injection_check CHECK (
    (injection_style IN ('BEARER', 'BASIC') AND injection_header IS NULL AND injection_parameter IS NULL AND injection_oauth2 IS NULL)
    OR (injection_style = 'HEADER' AND injection_header IS NOT NULL AND injection_parameter IS NULL AND injection_oauth2 IS NULL)
    OR (injection_style = 'QUERY' AND injection_parameter IS NOT NULL AND injection_header IS NULL AND injection_oauth2 IS NULL)
    OR (injection_style = 'OAUTH2_CLIENT_CREDENTIALS' AND injection_oauth2 IS NOT NULL AND injection_header IS NULL
        AND injection_parameter IS NULL));
