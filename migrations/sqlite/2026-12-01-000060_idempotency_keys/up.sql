-- The first answer to each POST sent with an `Idempotency-Key`
-- (docs/partners.md, Retrying a POST safely), kept 24 hours so that a retry
-- replays it instead of acting again. `scope` is the caller (a user id, or
-- empty for anonymous callers), so two callers never share a key;
-- `fingerprint` digests the method, path, query and body, to tell a retry
-- from another request that reuses the key. `status` is null while the
-- first request is still being answered: the primary key makes concurrent
-- requests with one key wait for that one.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    location TEXT,
    body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
