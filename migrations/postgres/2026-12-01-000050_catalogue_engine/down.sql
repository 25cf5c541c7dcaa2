-- The search columns come back empty: they were folded in Rust, which SQL
-- cannot redo. Re-save the programs to fill them.
ALTER TABLE programs ADD COLUMN sort_title TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN search_title TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN search_summary TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX programs_status_title_idx ON programs (status, sort_title, id);
CREATE INDEX programs_search_text_idx ON programs USING GIN (to_tsvector('simple', search_text));
