DROP INDEX profiles_public_user_id_idx;
CREATE INDEX profiles_public_idx ON profiles (public);
