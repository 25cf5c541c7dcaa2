-- Failed sign-ins per account, so that guessing one account's password is
-- limited however many addresses the guesses come from. `account_key` is the
-- SHA-256 of the normalized email, kept for unknown emails too so that the
-- limit answers alike whether the account exists. Rows older than the
-- window are pruned.
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY NOT NULL,
    account_key TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_failures_account_key_idx ON sign_in_failures (account_key, failed_at);
CREATE INDEX sign_in_failures_failed_at_idx ON sign_in_failures (failed_at);
