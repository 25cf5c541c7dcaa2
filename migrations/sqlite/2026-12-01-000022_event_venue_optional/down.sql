-- Events without a venue cannot go back under the old check.
SELECT 1;
