-- A disabled account keeps its history but can no longer sign in, and
-- every token already issued to it stops working (docs/api-conventions.md,
-- "Authentication").
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT 0;
