DROP INDEX messages_status_idx;
DROP INDEX messages_next_attempt_at_idx;
ALTER TABLE messages DROP COLUMN list_unsubscribe;
ALTER TABLE messages DROP COLUMN next_attempt_at;
ALTER TABLE messages DROP COLUMN last_error;
ALTER TABLE messages DROP COLUMN attempts;
ALTER TABLE messages DROP COLUMN status;
