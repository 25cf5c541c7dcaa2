-- The catalogue's change log (docs/architecture.md, Read model): every
-- change to the published catalogue, in the order it happened, with the
-- slug the program had. Instances follow it to update their read model,
-- and partners will read it as a change feed, so it outlives the programs
-- it names (no foreign key).
CREATE TABLE program_changes (
    seq BIGINT PRIMARY KEY NOT NULL,
    program_id TEXT NOT NULL,
    slug TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('published', 'updated', 'unpublished', 'deleted')),
    at TIMESTAMP NOT NULL
);
CREATE INDEX program_changes_program_id_idx ON program_changes (program_id, seq);

-- The last sequence number given. Every catalogue write updates this one row
-- first, so writers take turns: sequence numbers are gapless and commit in
-- their own order on both backends, and a reader that has seen seq n has
-- seen every change before it.
CREATE TABLE program_change_head (
    id BIGINT PRIMARY KEY NOT NULL CHECK (id = 1),
    seq BIGINT NOT NULL
);

-- What is published already was published once.
INSERT INTO program_changes (seq, program_id, slug, change, at)
SELECT ROW_NUMBER() OVER (ORDER BY COALESCE(published_at, created_at), id), id, slug, 'published',
       COALESCE(published_at, created_at)
FROM programs WHERE status = 'published';
INSERT INTO program_change_head (id, seq) SELECT 1, COUNT(*) FROM program_changes;
