DROP INDEX announcements_done_at_idx;
DROP INDEX announcements_dedupe_key_key;
DROP TABLE announcements;
ALTER TABLE subscriptions DROP COLUMN requested_filters;
ALTER TABLE subscriptions DROP COLUMN filters;
