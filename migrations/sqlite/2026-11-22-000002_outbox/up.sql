-- Messages waiting for (or handed to) the mailer. `dedupe_key` makes queuing
-- idempotent: the same event queued twice yields one message.
CREATE TABLE messages (
    id TEXT PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE UNIQUE INDEX messages_dedupe_key_key ON messages (dedupe_key);
CREATE INDEX messages_kind_idx ON messages (kind);
