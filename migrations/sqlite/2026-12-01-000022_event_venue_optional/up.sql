-- A venue may be announced after the event: location and online_url are
-- both optional. SQLite cannot drop a check, so the table is rebuilt. The
-- registrations wait in a plain copy meanwhile: dropping `events` with
-- foreign keys on would cascade into them.
CREATE TEMPORARY TABLE saved_event_registrations AS SELECT * FROM event_registrations;
DROP TABLE event_registrations;

CREATE TABLE events_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    module_id TEXT NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('webinar', 'networking', 'workshop', 'panel')),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    timezone TEXT NOT NULL,
    location TEXT,
    online_url TEXT,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    members_only BOOLEAN NOT NULL,
    lock_version BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
INSERT INTO events_rebuilt SELECT * FROM events;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;
CREATE INDEX events_starts_at_idx ON events (starts_at, id);
CREATE INDEX events_module_id_idx ON events (module_id, starts_at, id);

CREATE TABLE event_registrations (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted')),
    registered_at TIMESTAMP NOT NULL
);
INSERT INTO event_registrations SELECT * FROM saved_event_registrations;
DROP TABLE saved_event_registrations;
CREATE UNIQUE INDEX event_registrations_event_id_user_id_key ON event_registrations (event_id, user_id);
CREATE INDEX event_registrations_order_idx ON event_registrations (event_id, registered_at, id);
CREATE INDEX event_registrations_user_id_idx ON event_registrations (user_id);
