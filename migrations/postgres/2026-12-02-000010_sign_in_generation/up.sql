-- Access tokens carry the generation they were issued in; changing the
-- password starts a new one, so every access token issued before stops
-- working (docs/api-conventions.md, "Authentication").
ALTER TABLE users ADD COLUMN sign_in_generation INTEGER NOT NULL DEFAULT 0;
