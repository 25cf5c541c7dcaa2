-- A venue may be announced after the event: location and online_url are
-- both optional. The check was created unnamed, so it is found by what it
-- says.
DO $$
DECLARE venue_check text;
BEGIN
    SELECT conname INTO venue_check FROM pg_constraint
    WHERE conrelid = 'events'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%online_url%';
    IF venue_check IS NOT NULL THEN
        EXECUTE format('ALTER TABLE events DROP CONSTRAINT %I', venue_check);
    END IF;
END $$;
