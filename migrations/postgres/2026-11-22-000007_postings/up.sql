-- Mentorship opportunities that member companies post for candidates to
-- browse (the FAQ: a company may not apply unmatched, but may post). A
-- posting outlives a deleted program: its link is cleared instead.
CREATE TABLE postings (
    id TEXT PRIMARY KEY NOT NULL,
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    program_id TEXT REFERENCES programs (id) ON DELETE SET NULL,
    province TEXT NOT NULL,
    remote_ok BOOLEAN NOT NULL,
    closes_on DATE NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- The public list runs in closing order over open postings.
CREATE INDEX postings_closes_on_idx ON postings (closes_on, id);
CREATE INDEX postings_company_idx ON postings (company_id);
CREATE INDEX postings_program_idx ON postings (program_id);

CREATE TABLE posting_genres (
    posting_id TEXT NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    genre TEXT NOT NULL,
    PRIMARY KEY (posting_id, genre)
);

-- A candidate's answer to a posting; one per person per posting, enforced
-- by the unique index rather than by a check before the insert.
CREATE TABLE posting_interests (
    id TEXT PRIMARY KEY NOT NULL,
    posting_id TEXT NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX posting_interests_once_idx ON posting_interests (posting_id, user_id);
CREATE INDEX posting_interests_posting_idx ON posting_interests (posting_id, id);
