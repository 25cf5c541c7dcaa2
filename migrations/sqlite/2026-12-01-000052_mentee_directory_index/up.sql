-- The mentee directory lists public profiles in id order, a page at a time:
-- one index serves both the filter and the order.
DROP INDEX profiles_public_idx;
CREATE INDEX profiles_public_user_id_idx ON profiles (public, user_id);
