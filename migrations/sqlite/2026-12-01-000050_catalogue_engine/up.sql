-- Catalogue search runs in the catalogue engine, in memory
-- (docs/architecture.md, Catalogue search): the folded search columns, the
-- FTS5 table and its triggers go.
DROP TRIGGER programs_fts_delete;
DROP TRIGGER programs_fts_update;
DROP TRIGGER programs_fts_insert;
DROP TABLE programs_fts;
DROP INDEX programs_status_title_idx;
ALTER TABLE programs DROP COLUMN sort_title;
ALTER TABLE programs DROP COLUMN search_title;
ALTER TABLE programs DROP COLUMN search_summary;
ALTER TABLE programs DROP COLUMN search_text;

-- A slug is never shaped like a program id (a UUID): `{program}` in a path
-- is looked up by id first, so such a slug could only mislead.
UPDATE programs SET slug = 'program-' || slug
WHERE slug GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' OR slug GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]';
