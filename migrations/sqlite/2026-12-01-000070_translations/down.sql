ALTER TABLE cycles DROP COLUMN translations;
ALTER TABLE events DROP COLUMN translations;
ALTER TABLE modules DROP COLUMN translations;
ALTER TABLE providers DROP COLUMN translations;
ALTER TABLE programs DROP COLUMN translations;
