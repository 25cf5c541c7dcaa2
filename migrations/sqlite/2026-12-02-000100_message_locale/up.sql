-- The language each message is written in, which the mail says in its
-- Content-Language header (RFC 3282) so that mail readers and screen
-- readers read it in the right language. Messages queued before it were
-- all written in English.
ALTER TABLE messages ADD COLUMN locale TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'fr'));
