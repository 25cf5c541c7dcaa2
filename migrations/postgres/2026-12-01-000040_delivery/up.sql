-- Delivery state of each message (docs/notifications.md). A due message has
-- `next_attempt_at` at or before now and status `queued` or `failed`; a worker
-- claims it by pushing `next_attempt_at` past its lease and counting the
-- attempt, so no other worker picks it up meanwhile. `sent` and `dead`
-- messages have no next attempt.
ALTER TABLE messages ADD COLUMN status TEXT NOT NULL DEFAULT 'queued';
ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN last_error TEXT;
ALTER TABLE messages ADD COLUMN next_attempt_at TIMESTAMP;
-- The one-click unsubscribe URL of list mail (RFC 8058); none for mail to a
-- person about their own business.
ALTER TABLE messages ADD COLUMN list_unsubscribe TEXT;
UPDATE messages SET status = 'sent' WHERE sent_at IS NOT NULL;
UPDATE messages SET next_attempt_at = created_at WHERE sent_at IS NULL;
CREATE INDEX messages_next_attempt_at_idx ON messages (next_attempt_at);
CREATE INDEX messages_status_idx ON messages (status);
