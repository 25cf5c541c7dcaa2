-- The search columns come back empty: they were folded in Rust, which SQL
-- cannot redo. Re-save the programs to fill them.
ALTER TABLE programs ADD COLUMN sort_title TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN search_title TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN search_summary TEXT NOT NULL DEFAULT '';
ALTER TABLE programs ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX programs_status_title_idx ON programs (status, sort_title, id);
CREATE VIRTUAL TABLE programs_fts USING fts5 (program_id UNINDEXED, document);
CREATE TRIGGER programs_fts_insert AFTER INSERT ON programs BEGIN
    INSERT INTO programs_fts (program_id, document) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER programs_fts_update AFTER UPDATE OF search_text ON programs
WHEN old.search_text IS NOT new.search_text BEGIN
    DELETE FROM programs_fts WHERE program_id = old.id;
    INSERT INTO programs_fts (program_id, document) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER programs_fts_delete AFTER DELETE ON programs BEGIN
    DELETE FROM programs_fts WHERE program_id = old.id;
END;
