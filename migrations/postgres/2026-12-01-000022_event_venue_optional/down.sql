ALTER TABLE events ADD CHECK (location IS NOT NULL OR online_url IS NOT NULL);
