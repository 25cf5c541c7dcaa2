ALTER TABLE subscriptions DROP COLUMN requested_locale;
