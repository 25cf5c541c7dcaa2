ALTER TABLE users DROP COLUMN sign_in_generation;
