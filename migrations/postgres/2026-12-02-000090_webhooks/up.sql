-- Partners' webhooks (docs/partners.md, Webhooks). The signing secret is
-- kept as issued: the worker needs it to sign every delivery, and a hash
-- cannot sign. A rotated-out secret keeps signing beside the new one until
-- `previous_secret_expires_at`.
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    description TEXT,
    active BOOLEAN NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_secret_expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_owner_id_idx ON webhooks (owner_id, id);

CREATE TABLE webhook_events (
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    PRIMARY KEY (webhook_id, event)
);
CREATE INDEX webhook_events_event_idx ON webhook_events (event);

-- One message to one webhook, and its delivery state, as the outbox keeps
-- mail's: a due delivery is `queued` or `failed` with `next_attempt_at`
-- passed; a claim counts the attempt and pushes `next_attempt_at` past its
-- lease. `payload` is the body as first written, sent alike on every attempt.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    response_status INTEGER,
    last_error TEXT,
    next_attempt_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_webhook_id_idx ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_next_attempt_at_idx ON webhook_deliveries (next_attempt_at);

-- How far the catalogue's change log has been fanned out to webhooks. The
-- transaction that writes a change's deliveries advances it, after locking
-- this row first, so each change is fanned out once whatever the number of
-- workers. It starts at the log's head: history before webhooks existed is
-- not replayed.
CREATE TABLE webhook_dispatch (
    id BIGINT PRIMARY KEY NOT NULL CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO webhook_dispatch (id, seq) SELECT 1, seq FROM program_change_head WHERE id = 1;
