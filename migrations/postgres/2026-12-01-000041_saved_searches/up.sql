-- Saved searches (docs/notifications.md): the `GET /programs` filters a
-- subscription hears about, as JSON; NULL hears of everything. Like topics,
-- a request's filters wait in `requested_filters` until it is confirmed, so
-- a stranger re-subscribing an address never changes what it receives.
ALTER TABLE subscriptions ADD COLUMN filters TEXT;
ALTER TABLE subscriptions ADD COLUMN requested_filters TEXT;
-- News the worker tells subscribers about, one row per event (a program
-- published, a deadline moved later, an event published): the request that
-- causes it writes one row, and the worker writes the messages, so a
-- request's time does not grow with the number of subscribers.
CREATE TABLE announcements (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP
);
CREATE UNIQUE INDEX announcements_dedupe_key_key ON announcements (dedupe_key);
CREATE INDEX announcements_done_at_idx ON announcements (done_at);
