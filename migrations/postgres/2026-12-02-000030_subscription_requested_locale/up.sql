-- The language a request to subscribe asks for waits here until it is
-- confirmed, like its topics and `requested_filters`, so that a stranger
-- re-subscribing an address never changes the language it reads; the
-- confirmation message itself is written in the requested language.
ALTER TABLE subscriptions ADD COLUMN requested_locale TEXT NOT NULL DEFAULT 'en' CHECK (requested_locale IN ('en', 'fr'));
