-- Catalogue search runs in the catalogue engine, in memory
-- (docs/architecture.md, Catalogue search): the folded search columns and
-- their GIN index go.
DROP INDEX programs_search_text_idx;
DROP INDEX programs_status_title_idx;
ALTER TABLE programs DROP COLUMN sort_title;
ALTER TABLE programs DROP COLUMN search_title;
ALTER TABLE programs DROP COLUMN search_summary;
ALTER TABLE programs DROP COLUMN search_text;

-- A slug is never shaped like a program id (a UUID): `{program}` in a path
-- is looked up by id first, so such a slug could only mislead.
UPDATE programs SET slug = 'program-' || slug
WHERE slug ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
   OR slug ~ '^[0-9a-f]{32}$';
