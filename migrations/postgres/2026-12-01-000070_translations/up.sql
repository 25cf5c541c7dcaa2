-- French wording of content, as JSON `{"fr": {"title": ..., ...}}`
-- (docs/domain.md, Languages). Read with the row it translates, never
-- queried by its contents: search indexes it from the read model.
ALTER TABLE programs ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE providers ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE modules ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE events ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cycles ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
