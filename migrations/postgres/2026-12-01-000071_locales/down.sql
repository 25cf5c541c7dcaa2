ALTER TABLE subscriptions DROP COLUMN locale;
ALTER TABLE users DROP COLUMN locale;
