-- The module series: modules, each with events that people register for.
CREATE TABLE modules (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    theme TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    summary TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX modules_year_idx ON modules (year, id);

CREATE TABLE module_audiences (
    module_id TEXT NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    career_stage TEXT NOT NULL,
    PRIMARY KEY (module_id, career_stage)
);

-- `lock_version` exists to be written first in a registration's transaction:
-- that write is the lock that keeps seats from being oversold.
CREATE TABLE events (
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
    CHECK (ends_at > starts_at),
    CHECK (location IS NOT NULL OR online_url IS NOT NULL)
);
CREATE INDEX events_starts_at_idx ON events (starts_at, id);
CREATE INDEX events_module_id_idx ON events (module_id, starts_at, id);

CREATE TABLE event_registrations (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted')),
    registered_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX event_registrations_event_id_user_id_key ON event_registrations (event_id, user_id);
CREATE INDEX event_registrations_order_idx ON event_registrations (event_id, registered_at, id);
CREATE INDEX event_registrations_user_id_idx ON event_registrations (user_id);
