ALTER TABLE messages DROP COLUMN locale;
